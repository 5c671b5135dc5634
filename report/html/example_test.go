package html_test

import (
	"bytes"
	"fmt"
	"strings"

	"lmi/report"
	"lmi/report/html"
)

func ExampleDocument_Render() {
	d := &html.Document{
		Title: "Arbetsmarknaden i Norrbotten",
		Sections: []html.Section{
			{Title: "Sammanfattning", Blocks: []html.Block{html.Paragraph("Bristen på undersköterskor växer.")}},
			html.ProvenanceSection(report.Provenance{LMIVersion: "v1.0.0"}),
		},
	}
	var b bytes.Buffer
	if err := d.Render(&b); err != nil {
		fmt.Println(err)
		return
	}
	s := b.String()
	fmt.Println(strings.HasPrefix(s, "<!DOCTYPE html>\n<html lang=\"sv\">"))
	fmt.Println(strings.Contains(s, `<a href="#om-rapporten"><span class="num">2</span> Om rapporten</a>`))
	// Output:
	// true
	// true
}
