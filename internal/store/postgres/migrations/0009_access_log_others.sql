-- A person's "who has seen my record" leaves out her own visits by
-- default. Over months her own visits are most of her log, and skipping
-- them one by one made the page slower with every visit. This index holds
-- only the entries the page shows: those by someone other than a person
-- allowed in (a person is only ever allowed into her own record), and
-- every refusal, so that another person's attempt is never hidden.
CREATE INDEX access_log_not_own ON access_log (person_id, seq) WHERE actor_role <> 'person' OR outcome <> 'allowed';
