package pxweb_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	"lmi/ingest/pxweb"
)

// A PxWebApi 2.0 server in miniature: /config, a table's metadata, and
// its data for one selection.
func miniServer() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v2/config", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"apiVersion":"2.0","maxDataCells":150000,"maxCallsPerTimeWindow":30,"timeWindow":10}`)
	})
	mux.HandleFunc("GET /api/v2/tables/TAB638/metadata", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"version":"2.0","class":"dataset","label":"Folkmängden efter region och år","source":"SCB",
"updated":"2025-02-21T07:00:00Z","id":["Region","ContentsCode","Tid"],"size":[3,1,2],
"role":{"time":["Tid"],"geo":["Region"],"metric":["ContentsCode"]},
"dimension":{"Region":{"label":"region","category":{"index":{"00":0,"0180":1,"1480":2},"label":{"00":"Riket","0180":"Stockholm","1480":"Göteborg"}},"extension":{"elimination":true}},
"ContentsCode":{"label":"tabellinnehåll","category":{"index":{"BE0101N1":0},"label":{"BE0101N1":"Folkmängd"}},"extension":{"elimination":false}},
"Tid":{"label":"år","category":{"index":{"2023":0,"2024":1},"label":{"2023":"2023","2024":"2024"}},"extension":{"elimination":false}}},
"extension":{"px":{"tableid":"TAB638"}}}`)
	})
	mux.HandleFunc("GET /api/v2/tables/TAB638/data", func(w http.ResponseWriter, r *http.Request) {
		// valueCodes[Region]=0180,1480&valueCodes[ContentsCode]=*&valueCodes[Tid]=*
		io.WriteString(w, `{"version":"2.0","class":"dataset","label":"Folkmängden efter region, tabellinnehåll och år","source":"SCB",
"updated":"2025-02-21T07:00:00Z","id":["Region","ContentsCode","Tid"],"size":[2,1,2],
"role":{"time":["Tid"],"geo":["Region"],"metric":["ContentsCode"]},
"dimension":{"Region":{"label":"region","category":{"index":{"0180":0,"1480":1},"label":{"0180":"Stockholm","1480":"Göteborg"}}},
"ContentsCode":{"label":"tabellinnehåll","category":{"index":{"BE0101N1":0},"label":{"BE0101N1":"Folkmängd"}}},
"Tid":{"label":"år","category":{"index":{"2023":0,"2024":1},"label":{"2023":"2023","2024":"2024"}}}},
"value":[984748,988943,600151,null],"status":{"3":".."},"extension":{"px":{"tableid":"TAB638"}}}`)
	})
	return httptest.NewServer(mux)
}

func ExampleClient_Fetch() {
	srv := miniServer()
	defer srv.Close()

	c := &pxweb.Client{BaseURL: srv.URL + "/api/v2", Lang: "sv"}
	sel, err := pxweb.ParseSelections([]string{"Region=0180,1480", "ContentsCode=*", "Tid=*"}, nil)
	if err != nil {
		log.Fatal(err)
	}
	res, err := c.Fetch(context.Background(), pxweb.Query{Table: "TAB638", Selection: sel})
	if err != nil {
		log.Fatal(err)
	}
	t := res.Table
	fmt.Printf("%s (updated %s), %d cells in %d call\n", t.ID, t.Updated, t.Len(), res.Calls)
	for i := range t.Values {
		region := t.Dimensions[0].Values[i/2]
		year := t.Dimensions[2].Values[i%2]
		if t.Status[i] != "" {
			fmt.Printf("%s %s: %s\n", region.Label, year.Code, t.Status[i])
			continue
		}
		fmt.Printf("%s %s: %.0f\n", region.Label, year.Code, t.Values[i])
	}
	// Output:
	// TAB638 (updated 2025-02-21T07:00:00Z), 4 cells in 1 call
	// Stockholm 2023: 984748
	// Stockholm 2024: 988943
	// Göteborg 2023: 600151
	// Göteborg 2024: ..
}
