// Package atomicfile replaces files so that a reader, a crash or a power
// loss sees either the old file or the new one, never half of one.
//
// Every function writes to a temporary file in the destination's folder
// (named ".NAME.tmp-RANDOM", so a directory listing shows it belongs to
// NAME), flushes it to disk with fsync, renames it over the destination and
// then fsyncs the folder, so that the rename itself survives a power loss.
// On any error the temporary file is removed and the destination is left as
// it was.
//
// The forms cover the ways lmi produces files:
//
//   - WriteFile: the bytes are in memory (a manifest, a cached response).
//   - Write: a callback streams into a buffered writer (a CSV or a workbook).
//   - Create, then File.Commit or File.Abort: the caller holds the file open
//     across calls, or prepares several files and publishes them together
//     once all are complete.
//   - Publish: another program wrote the temporary file by name (DuckDB's
//     COPY ... TO); Publish makes it durable and renames it into place.
//     TempPath reserves such a name.
//   - CopyFile: copy a file from elsewhere, optionally checking its SHA-256.
//
// How lmi's own temp-and-rename code maps onto these forms:
//
//   - pipeline's manifest writers (Manifest.write, writeRefreshManifest)
//     and codes/internal/gen's writeFile: WriteFile.
//   - ingest/pxweb's cache (writeAtomic): os.MkdirAll, then WriteFile.
//   - fixtures' sinks, which finish several files and then publish them:
//     Create for each, Commit for each once all are written.
//   - store.Export, where DuckDB's COPY writes the file: TempPath, COPY to
//     it, Publish.
//   - pipeline's copyVerified: CopyFile with the expected SHA-256.
//
// pipeline's swapIn renames folders and flips a symbolic link; that is not
// a file replacement and stays as it is (SyncDir makes its renames durable).
//
// The destination's folder must exist; nothing here creates folders. The
// file's permissions are set to the perm argument exactly (the process
// umask does not apply), because a temporary file starts as 0600.
//
// Renaming is atomic only within one file system, which is why the
// temporary file is always made in the destination's own folder. On
// Windows, folders cannot be fsynced; that step is skipped there.
package atomicfile
