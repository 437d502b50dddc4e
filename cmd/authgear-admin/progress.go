package main

import (
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress shows how far a long command got, on stderr and only when stderr
// is a terminal; otherwise its methods do nothing. A nil *progress is valid.
type progress struct {
	bar *progressbar.ProgressBar
}

// newProgress starts a progress bar for total items, or a counting spinner
// if total is -1. It returns nil unless stderr is a terminal.
func (a *app) newProgress(total int, description string) *progress {
	if !a.stderrIsTerminal() {
		return nil
	}
	return &progress{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(a.stderr),
		progressbar.OptionSetDescription(description),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		// Show the bar at once, not at the first step, which may be a
		// while coming.
		progressbar.OptionSetRenderBlankState(true),
	)}
}

// newByteProgress starts a byte counter of unknown total. It returns nil
// unless stderr is a terminal.
func (a *app) newByteProgress(description string) *progress {
	if !a.stderrIsTerminal() {
		return nil
	}
	return &progress{bar: progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(a.stderr),
		progressbar.OptionSetDescription(description),
		progressbar.OptionShowBytes(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionSetRenderBlankState(true),
	)}
}

// add counts n more items done.
func (p *progress) add(n int) {
	if p != nil {
		_ = p.bar.Add(n)
	}
}

// set shows n items done.
func (p *progress) set(n int) {
	if p != nil {
		_ = p.bar.Set(n)
	}
}

// done removes the bar from the terminal.
func (p *progress) done() {
	if p != nil {
		_ = p.bar.Finish()
		_ = p.bar.Clear()
	}
}
