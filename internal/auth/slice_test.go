package auth

import (
	"reflect"
	"strings"
	"testing"
)

// auth gets a slice of storage, not the whole store: nothing of a person's
// record, the access log or the organisation's management is in it.
func TestTx_IsASliceWithoutRecords(t *testing.T) {
	tx := reflect.TypeFor[Tx]()
	for i := range tx.NumMethod() {
		name := tx.Method(i).Name
		for _, record := range []string{"Plan", "Goal", "Suggestion", "Encounter", "Agenda", "Preparation", "Decision", "Restriction",
			"AccessLog", "AccessEntries", "AccessHead", "CareRelation", "NetworkLink", "Emergency", "CreateAccount", "ListPersons", "Unit"} {
			if strings.Contains(name, record) {
				t.Errorf("auth's storage slice has %s", name)
			}
		}
	}
	if n := tx.NumMethod(); n > 30 {
		t.Errorf("auth's storage slice has %d methods; keep it to what login needs", n)
	}
}
