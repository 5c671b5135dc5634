package codes

// The Is* functions are map lookups on the embedded tables: cheap and safe
// for concurrent use. They match codes exactly (no trimming, case matters).

// IsKommun reports whether c is one of the 290 kommun codes.
func IsKommun(c string) bool { _, ok := db().kommunBy[c]; return ok }

// IsLan reports whether c is one of the 21 län codes.
func IsLan(c string) bool { return in("lan", c, 0) }

// IsSSYK4 reports whether c is a SSYK 2012 unit group (4 digits).
func IsSSYK4(c string) bool { return in("ssyk", c, 4) }

// IsSNIDivision reports whether c is an SNI 2007 huvudgrupp (2 digits).
func IsSNIDivision(c string) bool { return in("sni", c, 2) }

// IsSUNLevel reports whether c is a SUN 2020 level-module (nivå) code at
// any level ("5", "52", "525").
func IsSUNLevel(c string) bool { return in("sun", c, 0) }

// IsSUNField reports whether c is a SUN 2020 field-module (inriktning) code
// at any level ("7", "72", "723", "723c").
func IsSUNField(c string) bool { return in("sunfield", c, 0) }

// IsEduGroup reports whether c is one of lmi's education groups ("5-72").
func IsEduGroup(c string) bool { return in("edu", c, 0) }

// IsBirthRegion reports whether c is a detailed (level-2) födelseregion
// code, "0".."9".
func IsBirthRegion(c string) bool { return in("birth", c, 2) }

// IsSex reports whether c is a kön code: "1" man, "2" kvinna.
func IsSex(c string) bool { return c == "1" || c == "2" }

// BirthRegionGroup returns "inrikes" or "utrikes" for a level-2 födelseregion
// code, the code itself for "inrikes"/"utrikes", and "" otherwise.
func BirthRegionGroup(c string) string {
	l := db().lists["birth"]
	i, ok := l.byCode[c]
	if !ok {
		return ""
	}
	if e := l.entries[i]; e.Level == 2 {
		return e.Parent
	}
	return c
}

// EduGroupOf returns the education group of a SUN 2020 nivå code (any level)
// and a SUN 2020 inriktning code (level 2 or deeper): "525" + "723c" ->
// "5-72". It returns false when either code is missing or unknown, or the
// field code is only level 1.
func EduGroupOf(sunLevel, sunField string) (string, bool) {
	if !IsSUNLevel(sunLevel) || len(sunField) < 2 || !IsSUNField(sunField) {
		return "", false
	}
	g := sunLevel[:1] + "-" + sunField[:2]
	return g, IsEduGroup(g)
}

// in reports whether c is in list name, at level lvl (0 = any level).
func in(name, c string, lvl int) bool {
	l := db().lists[name]
	i, ok := l.byCode[c]
	return ok && (lvl == 0 || l.entries[i].Level == lvl)
}
