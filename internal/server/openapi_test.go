package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

var (
	apiRouterOnce sync.Once
	apiRouter     routers.Router
	apiRouterErr  error
)

// openAPIRouter loads the OpenAPI document the API serves, once, into a
// router that finds the documented operation of a request.
func openAPIRouter(s http.Handler) (routers.Router, error) {
	apiRouterOnce.Do(func() {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil))
		doc, err := openapi3.NewLoader().LoadFromData(rec.Body.Bytes())
		if err != nil {
			apiRouterErr = err
			return
		}
		apiRouter, apiRouterErr = legacy.NewRouter(doc)
	})
	return apiRouter, apiRouterErr
}

// checkAgainstOpenAPI validates an API answer against the documented
// operation: its status must be documented and its body must match the
// schema (kin-openapi's openapi3filter), so the document cannot promise
// what the API does not send.
func checkAgainstOpenAPI(t *testing.T, s http.Handler, method, path, contentType, body string, rec *httptest.ResponseRecorder) {
	t.Helper()
	if err := validateAPI(s, method, path, contentType, body, rec); err != nil {
		t.Errorf("%s %s answered %d, which the OpenAPI document does not describe: %v", method, path, rec.Code, err)
	}
}

func validateAPI(s http.Handler, method, path, contentType, body string, rec *httptest.ResponseRecorder) error {
	router, err := openAPIRouter(s)
	if err != nil {
		return fmt.Errorf("OpenAPI document: %w", err)
	}
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	route, params, err := router.FindRoute(req)
	if err != nil {
		return fmt.Errorf("not in the OpenAPI document: %w", err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true}}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code, Header: rec.Header(),
		Body: io.NopCloser(bytes.NewReader(rec.Body.Bytes())), Options: in.Options}
	return openapi3filter.ValidateResponse(context.Background(), out)
}

// The check can fail: answers the document does not describe are caught.
func TestOpenAPICheck_CatchesUndocumentedAnswers(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	plan := "/api/v1/persons/" + w.ids["person1"] + "/plan"
	answer := func(status int, body string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		rec.Header().Set("Content-Type", "application/json")
		rec.WriteHeader(status)
		rec.WriteString(body)
		return rec
	}
	for name, rec := range map[string]*httptest.ResponseRecorder{
		"a body of the wrong shape":   answer(200, `{"parts":"not a list"}`),
		"a missing required field":    answer(200, `{}`),
		"a status the route lacks":    answer(418, `{"error":{"code":"teapot","message":"x"}}`),
		"an error of the wrong shape": answer(404, `{"code":"not_found"}`),
	} {
		if err := validateAPI(s, "GET", plan, "", "", rec); err == nil {
			t.Errorf("%s passed the OpenAPI check", name)
		}
	}
	if err := validateAPI(s, "GET", "/api/v1/no/such/route", "", "", answer(200, `{}`)); err == nil {
		t.Error("a route missing from the document passed the OpenAPI check")
	}
}
