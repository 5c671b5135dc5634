package codes

import (
	"fmt"
	"strings"
)

// Level is a level of the regional hierarchy: kommun -> län -> riket, and
// kommun -> FA region as a second roll-up.
type Level string

// The regional levels.
const (
	LevelKommun Level = "kommun"
	LevelLan    Level = "lan"
	LevelFA     Level = "fa"
	LevelRiket  Level = "riket"
)

// Riket is the region code of the whole country.
const Riket = "00"

// ParseLevel parses a region level name: "kommun", "lan" (or "län"), "fa"
// or "riket", in any letter case.
func ParseLevel(s string) (Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "kommun":
		return LevelKommun, nil
	case "lan", "län":
		return LevelLan, nil
	case "fa":
		return LevelFA, nil
	case "riket":
		return LevelRiket, nil
	}
	return "", fmt.Errorf("unknown region level %q (valid: kommun, lan, fa, riket)", s)
}

// UnmarshalText reads a level as ParseLevel does, for settings files.
func (l *Level) UnmarshalText(b []byte) error {
	lvl, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = lvl
	return nil
}

// RollUp returns the region at level that kommun belongs to: the kommun
// itself, its län code, its FA code, or Riket. It returns false for an
// unknown kommun or level.
func RollUp(level Level, kommun string) (string, bool) {
	t := db()
	i, ok := t.kommunBy[kommun]
	if !ok {
		return "", false
	}
	k := t.kommuner[i]
	switch level {
	case LevelKommun:
		return k.Code, true
	case LevelLan:
		return k.Lan, true
	case LevelFA:
		return k.FA, true
	case LevelRiket:
		return Riket, true
	}
	return "", false
}

// RegionName returns the Swedish name of a region: the kommun's short name
// ("Stockholm"), the län's full name ("Stockholms län"), the FA region's
// name, or "Riket" for code "00". It returns "" for an unknown code.
func RegionName(level Level, code string) string {
	var name string
	switch level {
	case LevelKommun:
		name = "kommun"
	case LevelLan:
		name = "lan"
	case LevelFA:
		name = "fa"
	case LevelRiket:
		if code == Riket {
			return "Riket"
		}
		return ""
	default:
		return ""
	}
	l := db().lists[name]
	if i, ok := l.byCode[code]; ok {
		return l.entries[i].Name
	}
	return ""
}
