package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

func (t *tx) CreateCheckIn(ctx context.Context, c heard.CheckIn) error {
	args := []any{c.ID, c.PersonID}
	for _, item := range heard.CheckInItems {
		v, ok := c.Answers[item]
		args = append(args, sql.NullInt64{Int64: int64(v), Valid: ok})
	}
	args = append(args, c.Better, ts(c.Created))
	_, err := t.exec(ctx, `INSERT INTO checkins (id, person_id, connectedness, hope, identity, meaning, empowerment, better, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, args...)
	return err
}

func (t *tx) ListCheckIns(ctx context.Context, person heard.PersonID, since time.Time) ([]heard.CheckIn, error) {
	if since.IsZero() {
		since = time.Unix(0, 0) // before every check-in; a zero time is stored as NULL
	}
	return queryAll(ctx, t, func(s scanner) (heard.CheckIn, error) {
		var c heard.CheckIn
		var steps [5]sql.NullInt64
		var created sql.NullTime
		err := s.Scan(&c.ID, &c.PersonID, &steps[0], &steps[1], &steps[2], &steps[3], &steps[4], &c.Better, &created)
		c.Created, c.Answers = timeOf(created), map[heard.CheckInItem]int{}
		for i, item := range heard.CheckInItems {
			if steps[i].Valid {
				c.Answers[item] = int(steps[i].Int64)
			}
		}
		return c, err
	}, `SELECT id, person_id, connectedness, hope, identity, meaning, empowerment, better, created_at FROM checkins
		WHERE person_id = $1 AND created_at >= $2 ORDER BY created_at, id`, person, ts(since))
}

func (t *tx) LastCheckIn(ctx context.Context, person heard.PersonID) (time.Time, error) {
	var last sql.NullTime
	err := t.queryRow(ctx, `SELECT created_at FROM checkins WHERE person_id = $1 ORDER BY created_at DESC LIMIT 1`, person).Scan(&last)
	if err == sql.ErrNoRows {
		return time.Time{}, nil
	}
	return timeOf(last), err
}

func (t *tx) CheckInSchedule(ctx context.Context, person heard.PersonID) (heard.CheckInSchedule, error) {
	var s heard.CheckInSchedule
	err := t.queryRow(ctx, `SELECT schedule FROM checkin_schedules WHERE person_id = $1`, person).Scan(&s)
	if err == sql.ErrNoRows {
		return heard.ScheduleNever, nil
	}
	return s, err
}

func (t *tx) SetCheckInSchedule(ctx context.Context, person heard.PersonID, s heard.CheckInSchedule, at time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO checkin_schedules (person_id, schedule, set_at) VALUES ($1, $2, $3)
		ON CONFLICT (person_id) DO UPDATE SET schedule = $2, set_at = $3`, person, s, ts(at))
	return err
}
