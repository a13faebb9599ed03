// The reference side of scripts/tlog-differential.js: Go's golang.org/x/mod/sumdb/tlog and note
// compute what our TypeScript computes, from the same entries (docs/transparency.md, "Differential test").
package main

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type request struct {
	Entries     []string   `json:"entries"`
	Sizes       []int64    `json:"sizes"`
	Inclusion   [][2]int64 `json:"inclusion"`
	Consistency [][2]int64 `json:"consistency"`
	Tiles       [][3]int64 `json:"tiles"`
	Note        string     `json:"note"`
	VerifierKey string     `json:"verifierKey"`
}

type response struct {
	Roots       []string   `json:"roots"`
	Inclusion   [][]string `json:"inclusion"`
	Consistency [][]string `json:"consistency"`
	TilePaths   []string   `json:"tilePaths"`
	Tiles       []string   `json:"tiles"`
	NoteText    string     `json:"noteText"`
	NoteError   string     `json:"noteError"`
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func b64(hashes []tlog.Hash) []string {
	out := make([]string, len(hashes))
	for i, h := range hashes {
		out[i] = base64.StdEncoding.EncodeToString(h[:])
	}
	return out
}

func main() {
	var req request
	must(json.NewDecoder(os.Stdin).Decode(&req))
	var stored []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, index := range indexes {
			out[i] = stored[index]
		}
		return out, nil
	})
	for i, text := range req.Entries {
		data, err := hex.DecodeString(text)
		must(err)
		hashes, err := tlog.StoredHashes(int64(i), data, reader)
		must(err)
		stored = append(stored, hashes...)
	}
	var res response
	for _, size := range req.Sizes {
		root, err := tlog.TreeHash(size, reader)
		must(err)
		res.Roots = append(res.Roots, base64.StdEncoding.EncodeToString(root[:]))
	}
	for _, pair := range req.Inclusion {
		proof, err := tlog.ProveRecord(pair[1], pair[0], reader)
		must(err)
		res.Inclusion = append(res.Inclusion, b64(proof))
	}
	for _, pair := range req.Consistency {
		proof, err := tlog.ProveTree(pair[1], pair[0], reader)
		must(err)
		res.Consistency = append(res.Consistency, b64(proof))
	}
	for _, t := range req.Tiles {
		tile := tlog.Tile{H: 8, L: int(t[0]), N: t[1], W: int(t[2])}
		// sumdb writes the height into the path (tile/8/…) and calls the entries "data"; C2SP does neither.
		path := strings.Replace(strings.TrimPrefix(tile.Path(), "tile/8/"), "data/", "entries/", 1)
		res.TilePaths = append(res.TilePaths, "tile/"+path)
		if tile.L >= 0 {
			data, err := tlog.ReadTileData(tile, reader)
			must(err)
			res.Tiles = append(res.Tiles, base64.StdEncoding.EncodeToString(data))
		} else {
			res.Tiles = append(res.Tiles, "")
		}
	}
	verifier, err := note.NewVerifier(req.VerifierKey)
	must(err)
	opened, err := note.Open([]byte(req.Note), note.VerifierList(verifier))
	if err != nil {
		res.NoteError = err.Error()
	} else {
		res.NoteText = opened.Text
	}
	must(json.NewEncoder(os.Stdout).Encode(res))
}
