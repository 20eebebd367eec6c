package postgres_test

import (
	"os"
	"testing"

	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/postgres/pgtest"
	"github.com/heard-health/heard/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return pgtest.Open(t) })
}
