-- Licensed questionnaires, imported as FHIR Questionnaire resources and
-- kept as imported, with the licence note, the scoring rule (JSON) and
-- how often persons are asked.
CREATE TABLE instruments (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    title           TEXT NOT NULL,
    licence         TEXT NOT NULL,
    resource        TEXT NOT NULL,
    scoring         TEXT NOT NULL,
    schedule        TEXT NOT NULL,
    created_by      TEXT NOT NULL REFERENCES accounts (id),
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX instruments_organisation ON instruments (organisation_id, created_at);

-- A person's answers, as a FHIR QuestionnaireResponse, and its score.
CREATE TABLE questionnaire_responses (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES persons (id),
    instrument_id TEXT NOT NULL REFERENCES instruments (id),
    response      TEXT NOT NULL,
    score         DOUBLE PRECISION,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX questionnaire_responses_person ON questionnaire_responses (person_id, instrument_id, created_at);
