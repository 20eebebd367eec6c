package api

import (
	"encoding/json"
	"github.com/heard-health/heard/internal/request"
	"regexp"
	"slices"
	"strings"
	"testing"
)

type document struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas         map[string]json.RawMessage `json:"schemas"`
		SecuritySchemes map[string]json.RawMessage `json:"securitySchemes"`
	} `json:"components"`
}

func TestOpenAPI_InStepWithRoutes(t *testing.T) {
	var doc document
	if err := json.Unmarshal(OpenAPI(), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	var routed []string
	for _, r := range New(nil, nil, nil, request.Links{}).Routes() {
		routed = append(routed, r.Key())
	}
	for _, r := range routed {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is missing from openapi.json", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(routed, d) {
			t.Errorf("openapi.json documents %s, which is not a route", d)
		}
	}
}

func TestOpenAPI_Wellformed(t *testing.T) {
	var doc document
	if err := json.Unmarshal(OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`"\$ref": "#/components/schemas/([A-Za-z]+)"`).FindAllStringSubmatch(string(OpenAPI()), -1) {
		if _, ok := doc.Components.Schemas[m[1]]; !ok {
			t.Errorf("$ref to missing schema %s", m[1])
		}
	}
	for path, ops := range doc.Paths {
		for method, raw := range ops {
			var op struct {
				OperationID string                      `json:"operationId"`
				Responses   map[string]json.RawMessage  `json:"responses"`
				Parameters  []struct{ Name, In string } `json:"parameters"`
			}
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatalf("%s %s: %v", method, path, err)
			}
			if op.OperationID == "" || len(op.Responses) == 0 {
				t.Errorf("%s %s lacks operationId or responses", method, path)
			}
			for _, p := range regexp.MustCompile(`\{([A-Za-z]+)\}`).FindAllStringSubmatch(path, -1) {
				if !slices.ContainsFunc(op.Parameters, func(x struct{ Name, In string }) bool { return x.Name == p[1] && x.In == "path" }) {
					t.Errorf("%s %s does not describe path parameter %s", method, path, p[1])
				}
			}
		}
	}
	for _, s := range []string{"cookieAuth", "csrfToken"} {
		if _, ok := doc.Components.SecuritySchemes[s]; !ok {
			t.Errorf("security scheme %s is missing", s)
		}
	}
	if !strings.Contains(string(OpenAPI()), "X-CSRF-Token") {
		t.Error("the document does not say how to send the CSRF token")
	}
}
