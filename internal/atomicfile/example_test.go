package atomicfile_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"lmi/internal/atomicfile"
)

func ExampleWrite() {
	dir, _ := os.MkdirTemp("", "lmi-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "matching.csv")

	err := atomicfile.Write(path, 0o644, func(w io.Writer) error {
		_, err := io.WriteString(w, "indicator,value\nmatchningsgrad,61.5\n")
		return err
	})
	b, _ := os.ReadFile(path)
	fmt.Print(string(b), err)
	// Output:
	// indicator,value
	// matchningsgrad,61.5
	// <nil>
}

func ExampleCreate() {
	dir, _ := os.MkdirTemp("", "lmi-example")
	defer os.RemoveAll(dir)

	// Prepare two files, publish both only when both are complete.
	var files []*atomicfile.File
	for _, name := range []string{"a.csv", "b.csv"} {
		f, err := atomicfile.Create(filepath.Join(dir, name), 0o644)
		if err != nil {
			fmt.Println(err)
			return
		}
		defer f.Abort() // no-op once committed
		fmt.Fprintf(f, "%s\n", name)
		files = append(files, f)
	}
	for _, f := range files {
		if err := f.Commit(); err != nil {
			fmt.Println(err)
			return
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "b.csv"))
	fmt.Print(string(b))
	// Output: b.csv
}
