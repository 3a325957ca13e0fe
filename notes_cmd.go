package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"jianbao/corpus"
	"jianbao/notes"
	"jianbao/ui/layout"
)

// store opens the notes file: --notes, or the default under
// $XDG_DATA_HOME.
func (a *app) store() (*notes.Store, error) {
	if a.notesPath != "" {
		return notes.Open(a.notesPath), nil
	}
	p, err := notes.DefaultPath()
	if err != nil {
		return nil, err
	}
	return notes.Open(p), nil
}

// loadNotes reads the notes, reporting damaged lines on stderr.
func (a *app) loadNotes(s *notes.Store) ([]notes.Note, error) {
	ns, warns, err := s.Load()
	for _, w := range warns {
		fmt.Fprintln(a.stderr, "jianbao: warning: "+layout.Inert(w.Error()))
	}
	return ns, err
}

// loadCorpusAndNotes is what the notes commands start with: the store,
// its notes, and of the corpus the documents that the notes, and the IDs
// in more, name (see loadIDs).
func (a *app) loadCorpusAndNotes(cmd *cobra.Command, more ...string) (*corpus.Corpus, *notes.Store, []notes.Note, error) {
	st, err := a.store()
	if err != nil {
		return nil, nil, nil, err
	}
	ns, err := a.loadNotes(st)
	if err != nil {
		return nil, nil, nil, err
	}
	ids := slices.Clone(more)
	for _, n := range ns {
		ids = append(ids, n.Doc)
	}
	c, err := a.loadIDs(cmd.Context(), ids)
	return c, st, ns, err
}

// entries places notes in the corpus's documents.
func entries(c *corpus.Corpus, ns []notes.Note) []notes.Entry {
	return notes.Entries(ns, func(id string) (notes.DocInfo, bool) {
		d, err := c.Resolve(id)
		if err != nil || d.ID != id {
			return notes.DocInfo{}, false
		}
		text := d.Text()
		if d.ReadErr() != nil {
			return notes.DocInfo{}, false // its file is gone: as if not in the corpus
		}
		return notes.DocInfo{Text: text, Title: d.Title, Date: d.Date}, true
	})
}

func (a *app) tagCmd() *cobra.Command {
	var quote, comment string
	var tags []string
	var nth int
	cmd := &cobra.Command{
		Use:   "tag ID --quote TEXT --tag T [--tag T]...",
		Short: "Tag a passage of a document into the notes file",
		Long: `Anchor the first (or --nth) occurrence of TEXT in the document's clean text and
save it as a note with its tags and comment. TEXT is matched exactly, or else in
either script (贸易 finds 貿易), or else ignoring spaces and line breaks, so a
passage copied from a wrapped screen or typed with spaces still matches. TEXT
copied from the raw file is cleaned as the text was: reading annotations
removed (會(huì)晤), ASCII and doubled marks made the one full-width mark the
clean text has (會晤后,,兩國 is 會晤后，兩國). Prints the new note's id.`,
		Example: `  jianbao tag 002 --quote 世界电子贸易平台 --tag eWTP --tag 欧洲
  jianbao tag 000 --quote 經貿合作 --nth 2 --tag 經貿 --comment "second mention"`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(quote) == "" {
				return usageError(errors.New("tag needs --quote TEXT"))
			}
			if !utf8.ValidString(quote) {
				return usageError(errors.New("--quote is not valid UTF-8: set the terminal (or the script) to UTF-8"))
			}
			if len(notes.NormalizeTags(tags)) == 0 {
				return usageError(errors.New("tag needs at least one --tag"))
			}
			if nth < 1 {
				return usageError(fmt.Errorf("--nth %d: counting starts at 1", nth))
			}
			d, err := a.resolve(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			// A quote pasted from the raw file may hold the reading
			// annotations the clean text has lost (會(huì)晤), and letters
			// with their marks apart, which the text has composed.
			find := corpus.StripReadings(corpus.ComposeMarks(quote))
			text := d.Text() // once: it is read from the file again
			if err := d.ReadErr(); err != nil {
				return fmt.Errorf("cannot tag %s: %w", d.ID, err)
			}
			s, e, ok := notes.Find(text, find, nth, corpus.FoldString, corpus.SearchSkips)
			if clean := corpus.CleanPassage(find); !ok && clean != find {
				// Copied from the raw file with its ASCII or doubled marks
				// (會晤后,,兩國), which the clean text has made one ，.
				find = clean
				s, e, ok = notes.Find(text, find, nth, corpus.FoldString, corpus.SearchSkips)
			}
			if !ok {
				if nth > 1 {
					if _, _, first := notes.Find(text, find, 1, corpus.FoldString, corpus.SearchSkips); first {
						return fmt.Errorf("%s occurs fewer than %d times in %s", quoteClipped(quote, 60), nth, d.ID)
					}
				}
				return fmt.Errorf("%s is not in the text of %s (jianbao show %s shows it)", quoteClipped(quote, 60), d.ID, d.ID)
			}
			n, err := notes.New(d.ID, text, s, e, tags, comment, notes.Author(), time.Now())
			if err != nil {
				return err
			}
			st, err := a.store()
			if err != nil {
				return err
			}
			if err := st.Add(n); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, n.ID)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&quote, "quote", "", "the passage to tag, as it reads in the text")
	f.StringArrayVar(&tags, "tag", nil, "a tag (repeatable; Chinese tags welcome)")
	f.StringVar(&comment, "comment", "", "a comment to keep with the note")
	f.IntVar(&nth, "nth", 1, "tag the `K`-th occurrence")
	return cmd
}

func (a *app) notesCmd() *cobra.Command {
	var asJSON bool
	var tag, doc, status string
	cmd := &cobra.Command{
		Use:   "notes",
		Short: "List the notes; rm and export them",
		Long: `List the notes in the notes file (--notes FILE, default
$XDG_DATA_HOME/jianbao/notes.jsonl), each placed in its document's current
text: exact, moved (the text changed, the quote was found again), approximate
(the quote itself changed) or orphaned (not found; the note is kept).`,
		Example: `  jianbao notes
  jianbao notes --tag 经贸 --json
  jianbao notes --status orphaned          # the notes whose passage is gone
  jianbao notes rm k3x9f2a1
  jianbao notes edit k3x9f2a1 --tag 经贸 --comment "首次落地"
  jianbao notes export --format markdown -o notes.md`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if status != "" && !slices.Contains(noteStatuses, status) {
				return usageError(fmt.Errorf("--status %s: one of %s", layout.Inert(status), strings.Join(noteStatuses, ", ")))
			}
			var more []string
			if doc != "" {
				more = append(more, doc)
			}
			c, st, ns, err := a.loadCorpusAndNotes(cmd, more...)
			if err != nil {
				return err
			}
			if doc != "" {
				d, err := a.resolveIn(cmd.Context(), c, doc)
				if err != nil {
					return err
				}
				doc = d.ID
			}
			var es []notes.Entry
			for _, e := range entries(c, ns) {
				if (tag == "" || containsTag(e.Tags, tag)) && (doc == "" || e.Doc == doc) && (status == "" || e.Status.String() == status) {
					es = append(es, e)
				}
			}
			if asJSON {
				type out struct {
					notes.Note
					Status   string `json:"status"`
					At       [2]int `json:"at"`
					Title    string `json:"title"`
					Loaded   bool   `json:"document_loaded"`
					Location string `json:"location"`
				}
				list := make([]out, 0, len(es))
				for _, e := range es {
					list = append(list, out{e.Note, e.Status.String(), [2]int{e.Placed.Start, e.Placed.End}, e.Title, e.Loaded, e.SourceLine()})
				}
				return a.writeJSON(list)
			}
			if len(es) == 0 {
				fmt.Fprintf(a.stderr, "jianbao: no notes in %s\n", st.Path)
				return nil
			}
			w := bufio.NewWriter(a.stdout)
			width := a.outWidth()
			authors := map[string]bool{}
			for _, e := range es {
				authors[e.Author] = true
			}
			for _, e := range es {
				fmt.Fprintln(w, a.noteLine(e, width, len(authors) > 1))
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the notes as JSON, with where each stands now")
	cmd.Flags().StringVar(&tag, "tag", "", "only notes with tag `T`")
	cmd.Flags().StringVar(&doc, "doc", "", "only notes on document `ID`")
	cmd.Flags().StringVar(&status, "status", "", "only notes that stand so in their document's current text: `STATUS` is exact, moved, approximate or orphaned")
	cmd.AddCommand(a.notesRmCmd(), a.notesEditCmd(), a.notesExportCmd())
	return cmd
}

// noteLine is a note as `notes` lists it, in width cells: id, document,
// tags, the quote, its status when not exact, the comment, and the author
// when the notes have several. The quote gives way, not its status: a long
// quote that was orphaned still says so; a comment gets at least a third
// of the quote's room.
func (a *app) noteLine(e notes.Entry, width int, byAuthor bool) string {
	status := ""
	if e.Status != notes.Exact {
		status = " [" + e.Status.String() + "]"
	}
	lead := layout.Inert(fmt.Sprintf("%s  %s  #%s  “", e.ID, e.Doc, strings.Join(e.Tags, " #")))
	tail := "”" + status
	extra := ""
	if c := strings.Join(strings.Fields(e.Comment), " "); c != "" {
		extra = "  · " + layout.Inert(c)
	}
	if byAuthor && e.Author != "" {
		extra += "  @" + layout.Inert(e.Author)
	}
	quote := layout.Inert(e.Quote)
	if room := width - a.policy.StringWidth(lead) - a.policy.StringWidth(tail); room > 0 {
		qw, xw := a.policy.StringWidth(quote), a.policy.StringWidth(extra)
		if qw+xw > room {
			xroom := min(xw, max(room-qw, room/3))
			if xroom < 8 { // not even "  · 首次…": the quote takes it all
				xroom, extra = 0, ""
			}
			quote = a.policy.Truncate(quote, room-xroom, "…")
			extra = a.policy.Truncate(extra, xroom, "…")
		}
	}
	return a.policy.Truncate(lead+quote+tail+extra, width, "…")
}

func containsTag(tags []string, t string) bool {
	for _, x := range tags {
		if x == t || corpus.FoldString(x) == corpus.FoldString(t) {
			return true
		}
	}
	return false
}

// storedNote opens the notes file and finds the note whose id starts with
// id (rm, edit).
func (a *app) storedNote(id string) (*notes.Store, notes.Note, error) {
	st, err := a.store()
	if err != nil {
		return nil, notes.Note{}, err
	}
	ns, err := a.loadNotes(st)
	if err != nil {
		return nil, notes.Note{}, err
	}
	n, err := notes.Resolve(ns, id)
	return st, n, err
}

func (a *app) notesRmCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rm ID",
		Short: "Delete a note (the deletion is appended; the note stays in the file)",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, n, err := a.storedNote(args[0])
			if err != nil {
				return err
			}
			if err := st.Delete(n.ID, notes.Author()); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "deleted %s “%s”\n", n.ID, layout.Inert(n.Quote))
			return nil
		},
	}
}

func (a *app) notesEditCmd() *cobra.Command {
	var tags []string
	var comment string
	cmd := &cobra.Command{
		Use:   "edit ID [--tag T]... [--comment C]",
		Short: "Change a note's tags or comment (the edit is appended; the quote stays)",
		Long: `Give a note new tags (--tag, repeatable: they replace its tags) or a new comment
(--comment; --comment "" removes it), as the reader's notes view does. What is
not given stays. ID is any unique prefix of the note's id (jianbao notes lists
them).`,
		Example: `  jianbao notes edit mwqymxuv --tag 经贸 --tag 欧洲
  jianbao notes edit mwqymxuv --comment "首次落地欧洲"`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			setTags, setComment := cmd.Flags().Changed("tag"), cmd.Flags().Changed("comment")
			if !setTags && !setComment {
				return usageError(errors.New("edit needs --tag T or --comment C"))
			}
			if setTags && len(notes.NormalizeTags(tags)) == 0 {
				return usageError(errors.New("a note keeps at least one tag: give --tag T"))
			}
			if !utf8.ValidString(comment) || !utf8.ValidString(strings.Join(tags, "")) {
				return usageError(errors.New("--tag or --comment is not valid UTF-8: set the terminal (or the script) to UTF-8"))
			}
			st, n, err := a.storedNote(args[0])
			if err != nil {
				return err
			}
			if setTags {
				n.Tags = notes.NormalizeTags(tags)
			}
			if setComment {
				n.Comment = strings.TrimSpace(comment)
			}
			if err := st.Edit(n.ID, n.Tags, n.Comment, notes.Author()); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "edited %s “%s”  #%s\n", n.ID, layout.Inert(n.Quote), layout.Inert(strings.Join(n.Tags, " #")))
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&tags, "tag", nil, "a tag (repeatable): the note's tags become these")
	cmd.Flags().StringVar(&comment, "comment", "", "the note's comment becomes `C` (\"\" removes it)")
	return cmd
}

func (a *app) notesExportCmd() *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "export --format markdown|csv|jsonld|docx [-o FILE]",
		Short: "Export the notes: Markdown by tag, CSV, W3C Web Annotation JSON-LD, or Word",
		Long: `Export the notes: Markdown grouped by tag, CSV for spreadsheets, W3C Web
Annotation JSON-LD, or a Word document (.docx, for Word, WPS or LibreOffice)
grouped by tag as the Markdown is, each quote a quotation with its source and
comment, Chinese set in SimSun. Text is written to read literally: in Markdown
every character that could start markup is escaped with a backslash; in CSV a
cell that a spreadsheet would run as a formula (starting with = + - or @)
gets a leading '. Control characters are made visible in every format.
Without --format, -o FILE's extension chooses (.md, .csv, .jsonld, .docx).`,
		Example: `  jianbao notes export -o report-notes.docx
  jianbao notes export --format csv > notes.csv`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f := notes.FormatOf(out); f != "" && !cmd.Flags().Changed("format") {
				format = f
			}
			if notes.Binary(format) && (out == "" || out == "-") && a.isTerminal() {
				return usageError(fmt.Errorf("a %s file is not text to print here: give -o FILE (jianbao notes export -o notes.docx)", format))
			}
			c, _, ns, err := a.loadCorpusAndNotes(cmd)
			if err != nil {
				return err
			}
			var w io.Writer = a.stdout
			var tmp *os.File
			if out != "" && out != "-" {
				// Write beside the target and rename, so a failed export
				// never leaves half a file.
				tmp, err = os.CreateTemp(dirOf(out), ".jianbao-export-*")
				if err != nil {
					return fmt.Errorf("cannot write %s: %w", out, err)
				}
				defer os.Remove(tmp.Name())
				w = tmp
			}
			if err := notes.Export(w, format, entries(c, ns)); err != nil {
				return err
			}
			if tmp != nil {
				if err := tmp.Close(); err != nil {
					return fmt.Errorf("cannot write %s: %w", out, err)
				}
				if err := os.Rename(tmp.Name(), out); err != nil {
					return fmt.Errorf("cannot write %s: %w", out, err)
				}
				fmt.Fprintf(a.stderr, "jianbao: %s written to %s\n", layout.Count(len(ns), "note", "notes"), out)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "markdown", "markdown, csv, jsonld or docx")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	return cmd
}

func dirOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i+1]
	}
	return "."
}

// noteStatuses are where a note can stand in its document's text (notes.Status).
var noteStatuses = []string{notes.Exact.String(), notes.Moved.String(), notes.Approximate.String(), notes.Orphaned.String()}
