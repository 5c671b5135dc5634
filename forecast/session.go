package forecast

import (
	"context"
	"database/sql"

	"lmi/codes"
	"lmi/session"
)

// Session is what a forecast needs of a store session (a
// *session.Session, or anything embedding one): its connection, the region
// tables of the forecast's levels, and the panel's exit rates up to the
// origin.
type Session interface {
	Conn() *sql.Conn
	PrepareRegions(ctx context.Context, levels []codes.Level, groupings []*codes.Grouping) error
	EstimateExitProfileUpTo(ctx context.Context, last int) (*session.ExitProfile, error)
}
