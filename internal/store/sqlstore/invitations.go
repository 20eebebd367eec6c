package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

const invitationColumns = `id, person_id, email, name, relationship, scopes, access_months, token_hash, created_by, created_at, expires_at,
	accepted_at, accepted_by, withdrawn_at`

func scanInvitation(s scanner) (heard.Invitation, error) {
	var i heard.Invitation
	var scopes string
	var acceptedBy sql.NullString
	var created, expires, accepted, withdrawn sql.NullTime
	err := s.Scan(&i.ID, &i.PersonID, &i.Email, &i.Name, &i.Relationship, &scopes, &i.Months, &i.TokenHash, &i.CreatedBy, &created, &expires,
		&accepted, &acceptedBy, &withdrawn)
	i.Scopes, i.AcceptedBy = heard.ParseScopes(scopes), heard.AccountID(acceptedBy.String)
	i.Created, i.Expires, i.Accepted, i.Withdrawn = timeOf(created), timeOf(expires), timeOf(accepted), timeOf(withdrawn)
	return i, err
}

func (t *tx) CreateInvitation(ctx context.Context, i heard.Invitation) error {
	_, err := t.exec(ctx, `INSERT INTO invitations (`+invitationColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL, NULL)`,
		i.ID, i.PersonID, i.Email, i.Name, i.Relationship, heard.FormatScopes(i.Scopes), i.Months, i.TokenHash, i.CreatedBy, ts(i.Created), ts(i.Expires))
	return err
}

func (t *tx) ListInvitations(ctx context.Context, person heard.PersonID) ([]heard.Invitation, error) {
	return queryAll(ctx, t, scanInvitation, `SELECT `+invitationColumns+` FROM invitations WHERE person_id = $1 ORDER BY created_at DESC, id`, person)
}

func (t *tx) GetInvitationByToken(ctx context.Context, tokenHash string) (heard.Invitation, error) {
	return one(t, scanInvitation, t.queryRow(ctx, `SELECT `+invitationColumns+` FROM invitations WHERE token_hash = $1`, tokenHash))
}

func (t *tx) WithdrawInvitation(ctx context.Context, person heard.PersonID, id heard.InvitationID, at time.Time) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE invitations SET withdrawn_at = $3
		WHERE person_id = $1 AND id = $2 AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > $3`, person, id, ts(at))
}

func (t *tx) AcceptInvitation(ctx context.Context, tokenHash string, account heard.AccountID, at time.Time) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE invitations SET accepted_at = $3, accepted_by = $2
		WHERE token_hash = $1 AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > $3`, tokenHash, account, ts(at))
}

func (t *tx) CreateProposal(ctx context.Context, p heard.Proposal) error {
	_, err := t.exec(ctx, `INSERT INTO invitation_proposals (id, person_id, proposed_by, name, relationship, reason, created_at, closed_at, invited)
		VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, FALSE)`, p.ID, p.PersonID, p.ProposedBy, p.Name, p.Relationship, p.Reason, ts(p.Created))
	return err
}

func (t *tx) ListProposals(ctx context.Context, person heard.PersonID) ([]heard.Proposal, error) {
	return queryAll(ctx, t, func(s scanner) (heard.Proposal, error) {
		var p heard.Proposal
		var created, closed sql.NullTime
		err := s.Scan(&p.ID, &p.PersonID, &p.ProposedBy, &p.ProposerName, &p.Name, &p.Relationship, &p.Reason, &created, &closed, &p.Invited)
		p.Created, p.Closed = timeOf(created), timeOf(closed)
		return p, err
	}, `SELECT p.id, p.person_id, p.proposed_by, a.name, p.name, p.relationship, p.reason, p.created_at, p.closed_at, p.invited
		FROM invitation_proposals p JOIN accounts a ON a.id = p.proposed_by
		WHERE p.person_id = $1 ORDER BY p.created_at DESC, p.id`, person)
}

func (t *tx) CloseProposal(ctx context.Context, person heard.PersonID, id heard.ProposalID, invited bool, at time.Time) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE invitation_proposals SET closed_at = $3, invited = $4
		WHERE person_id = $1 AND id = $2 AND closed_at IS NULL`, person, id, ts(at), invited)
}
