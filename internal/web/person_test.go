package web

import (
	"testing"
	"time"

	"github.com/heard-health/heard/internal/i18n"
)

// A day that comes back in the log (a replayed past, a clock that stepped
// back) is one day on the page, not two sections with the same name.
func TestGroupAccess_ADayComesBack(t *testing.T) {
	lines := []accessLine{
		{Who: "Mari", Day: "7 Dec", What: "your plan"},
		{Who: "Jonas", Day: "1 Dec", What: "your messages"},
		{Who: "Mari", Day: "7 Dec", What: "your messages"},
	}
	days := groupAccess(i18n.New(i18n.EN, time.UTC), lines)
	if len(days) != 2 || days[0].Day != "7 Dec" || len(days[0].Groups) != 1 || len(days[0].Groups[0].Whats) != 2 {
		t.Errorf("days = %+v", days)
	}
}
