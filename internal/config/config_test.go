package config

import (
	"bytes"
	"flag"
	"strings"
	"testing"
)

func TestFlags(t *testing.T) {
	env := map[string]string{"HEARD_ADDR": "0.0.0.0:9000", "HEARD_DEMO": "true", "HEARD_DB": "postgres://u:secret@db/heard"}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	c := Flags(fs, func(k string) string { return env[k] }, "addr", "db", "demo", "timezone", "log-format", "tls", "trust-proxy")
	if err := fs.Parse([]string{"--addr", "127.0.0.1:1"}); err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:1" || !c.Demo || c.DB != "postgres://u:secret@db/heard" || c.Timezone != "Europe/Oslo" {
		t.Errorf("config = %+v; want flag over env over defaults", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate() = %v", err)
	}
	var out bytes.Buffer
	c.Print(&out)
	if strings.Contains(out.String(), "secret") || !strings.Contains(out.String(), "postgres://u:***@db/heard") {
		t.Errorf("Print() = %q, want the password hidden", out.String())
	}
}

func TestValidate(t *testing.T) {
	bad := Defaults()
	bad.DB, bad.Timezone, bad.LogFormat, bad.TLSCert = "mysql://x", "Mars/Olympus", "xml", "cert.pem"
	err := bad.Validate()
	for _, want := range []string{"--db", "--timezone", "--log-format", "--tls-cert"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want it to mention %s", err, want)
		}
	}
	if engine, path := Defaults().Engine(); engine != "sqlite" || path != "data/heard.db" {
		t.Errorf("default engine = %s %s", engine, path)
	}
}
