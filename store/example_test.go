package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"lmi/store"
)

// A table of the store, out as CSV: every column, the rows in the order
// of their values.
func ExampleDB_ExportTable() {
	ctx := context.Background()
	db, err := store.Open(ctx, "") // in memory
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	db.SQL().ExecContext(ctx, `INSERT INTO scb_rmi_u1b VALUES
		('RegionInd19U1bN1', '20', 'Kon=1+2', 'totalt', '2022', 140000, 30000, 170000, NULL, 'a'),
		('RegionInd19U1bN1', '00', 'Kon=1+2', 'totalt', '2022', 5300000, 900000, 6200000, NULL, 'a')`)
	dir, err := os.MkdirTemp("", "lmi-export")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "u1b.csv")
	n, err := db.ExportTable(ctx, "scb_rmi_u1b", path)
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := os.ReadFile(path)
	fmt.Printf("%d rows\n%s", n, b)
	// Output:
	// 2 rows
	// table_id,region,breakdown,breakdown_label,period,i_arbetskraften,inte_i_arbetskraften,totalt,status,source
	// RegionInd19U1bN1,00,Kon=1+2,totalt,2022,5300000.0,900000.0,6200000.0,,a
	// RegionInd19U1bN1,20,Kon=1+2,totalt,2022,140000.0,30000.0,170000.0,,a
}
