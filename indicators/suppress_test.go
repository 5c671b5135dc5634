package indicators

import (
	"fmt"
	"strings"
	"testing"

	"lmi/codes"
)

// TestSecondarySuppressionHandComputed: in Stockholms län only two kommuner
// have employed residents, 0180 (10) and 0114 (3, below k = 5). The län
// total (13) would give 0114 away, so 0180 must be hidden as well; riket
// (13, all in one län) is then safe to show.
func TestSecondarySuppressionHandComputed(t *testing.T) {
	db := openWith(t, header+
		"2021,0180,0180,employed,2512,5-48,1,30,1,10\n"+
		"2021,0114,0114,employed,2512,5-48,1,30,1,3\n")
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelKommun, codes.LevelLan, codes.LevelRiket}
	p.By = nil
	p.Indicators = []string{"antal_forvarvsarbetande"}
	got := computeAll(t, db, p)
	for key, hidden := range map[string]bool{
		"status|antal_forvarvsarbetande|kommun|0114|TOT|TOT": true,  // primary
		"status|antal_forvarvsarbetande|kommun|0180|TOT|TOT": true,  // secondary
		"status|antal_forvarvsarbetande|lan|01|TOT|TOT":      false, // 13
		"status|antal_forvarvsarbetande|riket|00|TOT|TOT":    false,
	} {
		c, ok := got[key]
		if !ok {
			t.Errorf("%s: no such cell", key)
			continue
		}
		if c.suppressed != hidden {
			t.Errorf("%s: suppressed = %v, want %v", key, c.suppressed, hidden)
		}
	}
}

// TestSuppressedCellsCannotBeRecovered plays the attacker on a synthetic
// register with k = 5 at four nested levels: for every published count
// that is a sum of other published counts (a parent region of its child
// regions; a cell's total of its parts), it tries to recover a hidden one
// by subtraction. It must never succeed.
func TestSuppressedCellsCannotBeRecovered(t *testing.T) {
	db := openSynthetic(t)
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelKommun, codes.LevelLan, codes.LevelFA, codes.LevelRiket}
	p.By = []string{DimEdu, DimSex}
	s, err := NewSession(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := s.Compute(t.Context(), p)
	if err != nil {
		t.Fatal(err)
	}
	var hiddenSeen int
	for _, fr := range res.Families {
		if fr.Family == "commuting_matrix" {
			continue // its second region dimension changes with the level
		}
		dims := "''"
		if len(fr.Dims) > 0 {
			dims = "concat_ws('|', " + strings.Join(fr.Dims, ", ") + ")"
		}
		// Across regions: a parent and its children at a finer level, for
		// every count indicator.
		for _, pair := range [][2]string{{"kommun", "lan"}, {"lan", "riket"}, {"fa", "riket"}, {"kommun", "fa"}, {"kommun", "riket"}} {
			q := fmt.Sprintf(`
WITH rows AS (
    SELECT indicator, region_level, region, period, %[1]s AS dims, suppressed
    FROM %[2]s
    WHERE indicator IN (%[3]s)
),
kids AS (
    SELECT DISTINCT CAST(kommun AS VARCHAR) AS kommun, k.region AS child, pk.region AS parent
    FROM region_map AS m JOIN region_keys AS k USING (region_key)
    JOIN region_map AS pm USING (kommun) JOIN region_keys AS pk ON pk.region_key = pm.region_key
    WHERE k.level = '%[4]s' AND pk.level = '%[5]s'
),
families AS (
    SELECT p.indicator, p.period, p.dims, p.region AS parent,
           (p.suppressed)::INT + count(c.region) FILTER (WHERE c.suppressed) AS hidden
    FROM rows AS p
    LEFT JOIN (SELECT DISTINCT child, parent FROM kids) AS g ON g.parent = p.region
    LEFT JOIN rows AS c ON c.region_level = '%[4]s' AND c.region = g.child
                       AND c.indicator = p.indicator AND c.period = p.period AND c.dims = p.dims
    WHERE p.region_level = '%[5]s'
    GROUP BY p.indicator, p.period, p.dims, p.region, p.suppressed
)
SELECT count(*) FILTER (WHERE hidden = 1), count(*) FILTER (WHERE hidden > 0) FROM families`,
				dims, fr.Table, countIndicators(fr.Family), pair[0], pair[1])
			var lonely, withHidden int
			if err := s.Conn().QueryRowContext(t.Context(), q).Scan(&lonely, &withHidden); err != nil {
				t.Fatalf("%s %v: %v", fr.Family, pair, err)
			}
			hiddenSeen += withHidden
			if lonely > 0 {
				t.Errorf("%s: %d %s totals with exactly one hidden %s below them: recoverable by subtraction", fr.Family, lonely, pair[1], pair[0])
			}
		}
		// Within a cell: which of the family's counts can a reader rebuild
		// from what is published, by linear algebra over its atoms?
		atoms, forms := cellAlgebra(fr.Family)
		if atoms == nil {
			continue
		}
		rows, err := s.Conn().QueryContext(t.Context(), fmt.Sprintf(`
SELECT region_level || region || period || %s AS cell, indicator, suppressed
FROM %s ORDER BY cell`, dims, fr.Table))
		if err != nil {
			t.Fatal(err)
		}
		known := map[string]map[string]bool{}   // cell -> quantity -> published
		present := map[string]map[string]bool{} // cell -> quantity -> in output
		for rows.Next() {
			var cell, ind string
			var sup bool
			if err := rows.Scan(&cell, &ind, &sup); err != nil {
				t.Fatal(err)
			}
			if known[cell] == nil {
				known[cell], present[cell] = map[string]bool{}, map[string]bool{}
			}
			def, _ := Lookup(ind)
			for _, q := range []string{def.Numerator, def.Denominator} {
				if q == "" {
					continue
				}
				present[cell][q] = true
				known[cell][q] = known[cell][q] || !sup
			}
		}
		rows.Close()
		for cell, k := range known {
			var pub [][]float64
			for q, v := range forms {
				if k[q] {
					pub = append(pub, v)
				}
			}
			for i, a := range atoms {
				if !present[cell][a] || k[a] {
					continue
				}
				hiddenSeen++
				unit := make([]float64, len(atoms))
				unit[i] = 1
				if rank(append(pub, unit)) == rank(pub) {
					t.Errorf("%s cell %s: hidden %s follows from the published counts", fr.Family, cell, a)
				}
			}
		}
	}
	if hiddenSeen == 0 {
		t.Fatal("nothing was hidden: the test proves nothing")
	}
}

// countIndicators lists a family's indicators whose value is a count.
func countIndicators(family string) string {
	var names []string
	for _, ind := range All() {
		if ind.Family == family && ind.Numerator != "" && ind.Denominator == "" {
			names = append(names, sqlString(ind.Name))
		}
	}
	if names == nil {
		return "NULL"
	}
	return strings.Join(names, ", ")
}

// cellAlgebra gives, for a family, its atomic counts and each quantity as a
// linear form over them; written out here independently of familyRelations.
func cellAlgebra(family string) ([]string, map[string][]float64) {
	switch family {
	case "matching":
		return []string{"a", "b", "c"}, map[string][]float64{
			"a": {1, 0, 0}, "b": {0, 1, 0}, "c": {0, 0, 1}, "abc": {1, 1, 1}, "bc": {0, 1, 1},
		}
	case "status":
		return []string{"employed", "unemployed", "students", "others"}, map[string][]float64{
			"employed": {1, 0, 0, 0}, "unemployed": {0, 1, 0, 0}, "students": {0, 0, 1, 0}, "others": {0, 0, 0, 1},
			"population": {1, 1, 1, 1}, "labour_force": {1, 1, 0, 0}, "outside": {0, 0, 1, 1},
		}
	case "commuting":
		return []string{"live_work", "out_commuters", "in_commuters"}, map[string][]float64{
			"live_work": {1, 0, 0}, "out_commuters": {0, 1, 0}, "in_commuters": {0, 0, 1},
			"night": {1, 1, 0}, "day": {1, 0, 1},
		}
	}
	return nil, nil
}

// rank of a small matrix by Gaussian elimination.
func rank(rows [][]float64) int {
	m := make([][]float64, len(rows))
	for i, r := range rows {
		m[i] = append([]float64(nil), r...)
	}
	r := 0
	for col := 0; len(m) > 0 && col < len(m[0]); col++ {
		piv := -1
		for i := r; i < len(m); i++ {
			if m[i][col] > 1e-9 || m[i][col] < -1e-9 {
				piv = i
				break
			}
		}
		if piv < 0 {
			continue
		}
		m[r], m[piv] = m[piv], m[r]
		for i := range m {
			if i != r && m[i][col] != 0 {
				f := m[i][col] / m[r][col]
				for j := range m[i] {
					m[i][j] -= f * m[r][j]
				}
			}
		}
		r++
	}
	return r
}

// TestMatrixCellsCannotBeRecovered plays the attacker on the commuting
// matrix at four levels: no row or column of two cells or more (off the
// diagonal: the out- and in-commuters are published) and no cell of two län or FA regions or of
// riket with the cells of its kommuner may have exactly one hidden member.
func TestMatrixCellsCannotBeRecovered(t *testing.T) {
	db := openSynthetic(t)
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelKommun, codes.LevelLan, codes.LevelFA, codes.LevelRiket}
	p.Indicators = []string{"antal_pendlare"}
	s, err := NewSession(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Compute(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	var hidden, rows, cols, nests int
	err = s.Conn().QueryRowContext(t.Context(), `
WITH m AS (SELECT region_level, region, work_region, period, suppressed FROM results_commuting_matrix),
kids AS (
    SELECT DISTINCT k.region AS child, pk.level AS parent_level, pk.region AS parent
    FROM region_map AS cm JOIN region_keys AS k USING (region_key)
    JOIN region_map AS pm USING (kommun) JOIN region_keys AS pk ON pk.region_key = pm.region_key
    WHERE k.level = 'kommun' AND pk.level <> 'kommun'
),
-- a row or column with a single cell off the diagonal publishes that cell
-- as its margin, below k there too
row_sums AS (
    SELECT count(*) FILTER (WHERE suppressed) AS h FROM m WHERE region <> work_region
    GROUP BY region_level, region, period HAVING count(*) > 1
),
col_sums AS (
    SELECT count(*) FILTER (WHERE suppressed) AS h FROM m WHERE region <> work_region
    GROUP BY region_level, work_region, period HAVING count(*) > 1
),
nested AS (
    SELECT p.suppressed::INT + count(c.region) FILTER (WHERE c.suppressed) AS h
    FROM m AS p
    JOIN kids AS kh ON kh.parent_level = p.region_level AND kh.parent = p.region
    JOIN kids AS kw ON kw.parent_level = p.region_level AND kw.parent = p.work_region
    LEFT JOIN m AS c ON c.region_level = 'kommun' AND c.region = kh.child AND c.work_region = kw.child AND c.period = p.period
    WHERE p.region_level <> 'kommun'
    GROUP BY p.region_level, p.region, p.work_region, p.period, p.suppressed
)
SELECT (SELECT count(*) FILTER (WHERE suppressed) FROM m),
       (SELECT count(*) FILTER (WHERE h = 1) FROM row_sums),
       (SELECT count(*) FILTER (WHERE h = 1) FROM col_sums),
       (SELECT count(*) FILTER (WHERE h = 1) FROM nested)`).Scan(&hidden, &rows, &cols, &nests)
	if err != nil {
		t.Fatal(err)
	}
	if hidden == 0 {
		t.Fatal("no matrix cell was hidden: the test proves nothing")
	}
	if rows+cols+nests > 0 {
		t.Errorf("%d hidden matrix cells; recoverable: %d rows, %d columns, %d nested cells with exactly one hidden member", hidden, rows, cols, nests)
	}
}
