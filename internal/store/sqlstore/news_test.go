package sqlstore

import (
	"os"
	"strings"
	"testing"
)

// The news queries state the conditions of their partial indexes word for
// word, on both engines: SQLite uses a partial index only then, and
// without it a home walks the person's whole log.
func TestNewsQueries_MatchTheirIndexes(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b, err := os.ReadFile("../" + engine + "/migrations/0022_messages.sql")
		if err != nil {
			t.Fatal(err)
		}
		migration := strings.Join(strings.Fields(string(b)), " ")
		for name, cond := range map[string]string{"access_log_news_hers": hersNews, "access_log_news_care": careNews} {
			if !strings.Contains(migration, name+" ON access_log (person_id, seq) WHERE "+cond+";") {
				t.Errorf("%s: the index %s is not on %q", engine, name, cond)
			}
		}
	}
}
