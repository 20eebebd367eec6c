// Package config reads heard's settings from flags and HEARD_* environment
// variables (flags win), with defaults that let `heard serve --demo` run
// with no configuration at all. The result is one value, validated once and
// passed down; there is no package-level configuration.
package config

import (
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is heard's configuration.
type Config struct {
	// Addr is where heard serves HTTP (HEARD_ADDR).
	Addr string
	// DB is "sqlite:PATH" or a postgres:// URL (HEARD_DB).
	DB string
	// Demo loads the demo data into an empty database (HEARD_DEMO).
	Demo bool
	// Lang is the language of the demo data's words: en or nb (HEARD_LANG).
	Lang string
	// TrustProxy honours X-Forwarded-For/-Proto from one proxy in front
	// (HEARD_TRUST_PROXY).
	TrustProxy bool
	// TLSCert and TLSKey serve HTTPS directly (HEARD_TLS_CERT, HEARD_TLS_KEY).
	TLSCert, TLSKey string
	// Timezone is where dates are shown (HEARD_TIMEZONE).
	Timezone string
	// LogFormat is "text" or "json" (HEARD_LOG_FORMAT).
	LogFormat string
	// SMTP is the server e-mail goes through, as a URL with credentials
	// and TLS options (HEARD_SMTP); empty logs notifications instead.
	SMTP string
	// PublicURL is where people reach Heard, for links in e-mail
	// (HEARD_PUBLIC_URL); empty means http(s)://Addr.
	PublicURL string
}

// Defaults are the settings without flags or environment.
func Defaults() Config {
	return Config{Addr: "127.0.0.1:8080", DB: "sqlite:data/heard.db", Lang: "en", Timezone: "Europe/Oslo", LogFormat: "text"}
}

// Engine returns "sqlite" or "postgres" and the path or URL.
func (c Config) Engine() (engine, target string) {
	if strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://") {
		return "postgres", c.DB
	}
	return "sqlite", strings.TrimPrefix(c.DB, "sqlite:")
}

// Location returns the time zone dates are shown in.
func (c Config) Location() (*time.Location, error) {
	return time.LoadLocation(c.Timezone)
}

// Certificate loads the TLS certificate and key, so that a wrong path or a
// key that does not match is found before heard says it is running.
func (c Config) Certificate() (tls.Certificate, error) {
	cert, err := tls.LoadX509KeyPair(c.TLSCert, c.TLSKey)
	if err != nil {
		return cert, fmt.Errorf("--tls-cert %q and --tls-key %q: %w", c.TLSCert, c.TLSKey, err)
	}
	return cert, nil
}

// checkAddr accepts HOST:PORT with a port from 0 (any free one) to 65535.
func checkAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: want HOST:PORT, such as 127.0.0.1:8080 or :8080", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("--addr %q: the port must be a number from 0 to 65535", addr)
	}
	return nil
}

// Validate checks the configuration once, at start.
func (c Config) Validate() error {
	var errs []error
	if err := checkAddr(c.Addr); err != nil {
		errs = append(errs, err)
	}
	if !strings.HasPrefix(c.DB, "sqlite:") && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://") {
		errs = append(errs, fmt.Errorf("--db %q: want sqlite:PATH or postgres://…", c.DB))
	}
	if _, target := c.Engine(); target == "" {
		errs = append(errs, errors.New("--db names no database"))
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		errs = append(errs, errors.New("--tls-cert and --tls-key go together"))
	} else if c.TLSCert != "" {
		if _, err := c.Certificate(); err != nil {
			errs = append(errs, err)
		}
	}
	if _, err := c.Location(); err != nil {
		errs = append(errs, fmt.Errorf("--timezone: %w", err))
	}
	if c.Lang != "en" && c.Lang != "nb" {
		errs = append(errs, fmt.Errorf("--lang %q: want en or nb", c.Lang))
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") != "" {
			errs = append(errs, fmt.Errorf("--public-url %q: want https://host, where people reach Heard", c.PublicURL))
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("--log-format %q: want text or json", c.LogFormat))
	}
	return errors.Join(errs...)
}

// Flags adds the flags of the settings named in which ("addr", "db", …) to
// fs, with defaults taken from the environment, and returns the Config they
// fill once fs is parsed.
func Flags(fs *flag.FlagSet, getenv func(string) string, which ...string) *Config {
	c := Defaults()
	env := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	envBool := func(name string) bool {
		v := strings.ToLower(getenv(name))
		return v == "1" || v == "true" || v == "yes"
	}
	for _, w := range which {
		switch w {
		case "addr":
			fs.StringVar(&c.Addr, "addr", env("HEARD_ADDR", c.Addr), "listen address [HEARD_ADDR]")
		case "db":
			fs.StringVar(&c.DB, "db", env("HEARD_DB", c.DB), "database: sqlite:PATH or postgres://… [HEARD_DB]")
		case "demo":
			fs.BoolVar(&c.Demo, "demo", envBool("HEARD_DEMO"), "load the demo data into an empty database [HEARD_DEMO]")
		case "lang":
			fs.StringVar(&c.Lang, "lang", env("HEARD_LANG", c.Lang), "language of the demo data: en or nb [HEARD_LANG]")
		case "trust-proxy":
			fs.BoolVar(&c.TrustProxy, "trust-proxy", envBool("HEARD_TRUST_PROXY"), "trust X-Forwarded-For/-Proto from the proxy in front [HEARD_TRUST_PROXY]")
		case "tls":
			fs.StringVar(&c.TLSCert, "tls-cert", env("HEARD_TLS_CERT", ""), "TLS certificate file [HEARD_TLS_CERT]")
			fs.StringVar(&c.TLSKey, "tls-key", env("HEARD_TLS_KEY", ""), "TLS key file [HEARD_TLS_KEY]")
		case "timezone":
			fs.StringVar(&c.Timezone, "timezone", env("HEARD_TIMEZONE", c.Timezone), "time zone for dates shown [HEARD_TIMEZONE]")
		case "mail":
			fs.StringVar(&c.SMTP, "smtp", env("HEARD_SMTP", ""), "SMTP server for e-mail: smtp://user:password@host:port?from=address&tls=starttls|tls|none; without it notifications are logged [HEARD_SMTP]")
			fs.StringVar(&c.PublicURL, "public-url", env("HEARD_PUBLIC_URL", ""), "where people reach Heard, for links in e-mail (default http://ADDR) [HEARD_PUBLIC_URL]")
		case "log-format":
			fs.StringVar(&c.LogFormat, "log-format", env("HEARD_LOG_FORMAT", c.LogFormat), "log format: text or json [HEARD_LOG_FORMAT]")
		}
	}
	return &c
}

// Print writes the effective configuration, with the database password
// hidden.
func (c Config) Print(w io.Writer) {
	engine, target := c.Engine()
	if engine == "postgres" {
		target = redactURL(target)
	}
	fmt.Fprintf(w, "addr        %s\ndb          %s:%s\ndemo        %v\nlang        %s\ntrust-proxy %v\ntls         %v\ntimezone    %s\nlog-format  %s\nsmtp        %s\npublic-url  %s\n",
		c.Addr, engine, target, c.Demo, c.Lang, c.TrustProxy, c.TLSCert != "", c.Timezone, c.LogFormat, redactURL(c.SMTP), c.PublicURL)
}

func redactURL(u string) string {
	at := strings.LastIndex(u, "@")
	scheme := strings.Index(u, "://")
	if at < 0 || scheme < 0 {
		return u
	}
	userinfo := u[scheme+3 : at]
	if user, _, ok := strings.Cut(userinfo, ":"); ok {
		return u[:scheme+3] + user + ":***" + u[at:]
	}
	return u
}
