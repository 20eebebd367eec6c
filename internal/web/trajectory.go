package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/i18n"
)

// The charts' drawing area, in SVG user units; the SVG scales to the width
// it is given, so a chart reads the same at 320 px and on a desktop.
const (
	chartW, chartH             = 320.0, 150.0
	padL, padR, padT, padB     = 30.0, 10.0, 16.0, 26.0
	plotW, plotH               = chartW - padL - padR, chartH - padT - padB
	chartDot                   = 3.5
	chartMarkLabel, chartLabel = 9.0, 10.0
)

// chart is one series drawn: a line through its answers, the scale's
// ends and middle, the first and last dates, and the milestones, numbered
// as in the list below the charts.
type chart struct {
	ID     string
	Series app.Series
	Line   string
	Dots   []chartPoint
	YTicks []chartTick
	XTicks []chartTick
	Marks  []chartTick
}

type chartPoint struct {
	X, Y  float64
	At    time.Time
	Value string
}

type chartTick struct {
	X, Y   float64
	Label  string
	Anchor string
}

type trajectoryView struct {
	page
	PersonID   string
	Trajectory app.TrajectoryView
	Charts     []chart
}

// Dims gives the templates the chart geometry.
func (trajectoryView) Dims() map[string]float64 {
	return map[string]float64{"W": chartW, "H": chartH, "L": padL, "R": chartW - padR, "T": padT, "B": chartH - padB, "Mark": chartMarkLabel, "Label": chartLabel, "Dot": chartDot}
}

func (h *Handler) showTrajectory(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	tv, err := h.app.Trajectory(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := trajectoryView{page: h.page(r, "trajectory.title"), PersonID: string(id), Trajectory: tv}
	v.Subject = tv.Person.Person
	for _, s := range tv.Series {
		v.Charts = append(v.Charts, drawChart(v.L, s, tv))
	}
	h.render(w, r, http.StatusOK, "trajectory", v)
}

// drawChart places a series on the common time axis of all the charts,
// so that a milestone stands at the same place in each.
func drawChart(l i18n.Localizer, s app.Series, tv app.TrajectoryView) chart {
	span := tv.To.Sub(tv.From)
	x := func(t time.Time) float64 {
		if span <= 0 {
			return padL + plotW/2
		}
		return padL + plotW*float64(t.Sub(tv.From))/float64(span)
	}
	y := func(v float64) float64 { return padT + plotH*(1-(v-s.Min)/(s.Max-s.Min)) }
	c := chart{ID: "chart-" + s.Key, Series: s}
	var line []string
	for _, p := range s.Points {
		pt := chartPoint{X: round(x(p.At)), Y: round(y(p.Value)), At: p.At, Value: decimal(l, p.Value)}
		c.Dots = append(c.Dots, pt)
		line = append(line, fmt.Sprintf("%g,%g", pt.X, pt.Y))
	}
	c.Line = strings.Join(line, " ")
	for _, v := range []float64{s.Min, (s.Min + s.Max) / 2, s.Max} {
		c.YTicks = append(c.YTicks, chartTick{X: padL - 6, Y: round(y(v)), Label: decimal(l, v), Anchor: "end"})
	}
	c.XTicks = append(c.XTicks, chartTick{X: padL, Y: chartH - 8, Label: l.Date(tv.From), Anchor: "start"})
	if span > 0 {
		c.XTicks = append(c.XTicks, chartTick{X: chartW - padR, Y: chartH - 8, Label: l.Date(tv.To), Anchor: "end"})
	}
	// Milestones closer than a label's width share one line, labelled
	// with the range of their numbers ("3–7").
	for i := 0; i < len(tv.Milestones); {
		j, at := i, round(x(tv.Milestones[i].At))
		for j+1 < len(tv.Milestones) && round(x(tv.Milestones[j+1].At))-at < chartMarkLabel*1.5 {
			j++
		}
		label := strconv.Itoa(i + 1)
		if j > i {
			label += "–" + strconv.Itoa(j+1)
		}
		c.Marks = append(c.Marks, chartTick{X: at, Y: padT - 5, Label: label, Anchor: "middle"})
		i = j + 1
	}
	return c
}

func round(f float64) float64 { return float64(int(f*10+0.5)) / 10 }

// Measure names a chart's measure: a questionnaire by its title.
func (v trajectoryView) Measure(s app.Series) string {
	if s.Title != "" {
		return s.Title
	}
	return v.T("trajectory.measure." + s.Key)
}

// Summary is the chart's one sentence: where the series went lately.
func (v trajectoryView) Summary(s app.Series) string {
	measure := v.Measure(s)
	if s.Trend.Direction == app.TooFew {
		return v.T("trajectory.trend.too_few", "Measure", measure)
	}
	if s.Trend.Direction == app.Steady {
		return v.N("trajectory.trend.steady", s.Trend.Weeks, "Measure", measure, "To", decimal(v.L, s.Trend.To))
	}
	return v.N("trajectory.trend."+string(s.Trend.Direction), s.Trend.Weeks, "Measure", measure,
		"From", decimal(v.L, s.Trend.From), "To", decimal(v.L, s.Trend.To))
}

// decimal writes a number with one decimal at most, in the page's
// language.
func decimal(l i18n.Localizer, f float64) string {
	s := strings.TrimSuffix(strconv.FormatFloat(f, 'f', 1, 64), ".0")
	if l.Lang() == i18n.NB {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}
