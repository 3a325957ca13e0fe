package corpus

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"fmt"
	"hash"
)

// Many published PDFs are encrypted with an empty user password, to stop
// copying or printing rather than reading: every viewer opens them. The
// standard security handler is undone for that password (RC4 and AES-128,
// revisions 2–4; AES-256, revisions 5 and 6); a file that needs a password
// is refused saying so.

// pdfPad is the padding a password is extended with (Algorithm 2).
var pdfPad = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

// pdfCrypt decrypts a file's strings and streams.
type pdfCrypt struct {
	key     []byte
	rev     int
	strAES  bool // strings by AES (else RC4), or not at all:
	strNone bool
	stmAES  bool
	stmNone bool
}

// decrypt sets d up to decrypt its objects with the empty user password.
func (d *pdfDoc) decrypt() error {
	enc := d.dictOf(d.trailer["Encrypt"])
	if enc == nil {
		return fmt.Errorf("%w: its encryption dictionary is missing", ErrNotPDF)
	}
	if f := d.resolve(enc["Filter"]); f != pdfName("Standard") {
		return fmt.Errorf("%w: encrypted with the %v handler (a certificate or DRM); save an unprotected copy from the program that can open it", ErrNotPDF, f)
	}
	v, rev := d.intOf(enc["V"]), d.intOf(enc["R"])
	o, _ := d.resolve(enc["O"]).(pdfString)
	u, _ := d.resolve(enc["U"]).(pdfString)
	p := uint32(int32(d.intOf(enc["P"])))
	var id []byte
	if ids := d.arrayOf(d.trailer["ID"]); len(ids) > 0 {
		s, _ := d.resolve(ids[0]).(pdfString)
		id = []byte(s)
	}
	c := &pdfCrypt{rev: rev}
	switch {
	case rev >= 5:
		ue, _ := d.resolve(enc["UE"]).(pdfString)
		if len(u) < 48 || len(ue) < 32 {
			return fmt.Errorf("%w: its encryption dictionary is damaged", ErrNotPDF)
		}
		hashOf := func(salt []byte) []byte {
			if rev == 5 {
				h := sha256.Sum256(salt)
				return h[:]
			}
			return pdfHash2B(nil, salt)
		}
		if !bytes.Equal(hashOf([]byte(u[32:40])), []byte(u[:32])) {
			return errPDFPassword
		}
		k := hashOf([]byte(u[40:48]))
		block, err := aes.NewCipher(k)
		if err != nil {
			return err
		}
		c.key = make([]byte, 32)
		cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(c.key, []byte(ue[:32]))
		c.strAES, c.stmAES = true, true
	case rev >= 2 && rev <= 4:
		n := 5
		if rev >= 3 {
			n = d.intOf(enc["Length"]) / 8
			if n < 5 || n > 16 {
				n = 16
			}
		}
		h := md5.New()
		h.Write(pdfPad)
		h.Write([]byte(o[:min(len(o), 32)]))
		binary.Write(h, binary.LittleEndian, p)
		h.Write(id)
		if rev >= 4 && d.resolve(enc["EncryptMetadata"]) == false {
			h.Write([]byte{0xFF, 0xFF, 0xFF, 0xFF})
		}
		key := h.Sum(nil)[:n]
		if rev >= 3 {
			for i := 0; i < 50; i++ {
				s := md5.Sum(key)
				key = s[:n]
			}
		}
		if !pdfUserKeyOK(key, rev, []byte(u), id) {
			return errPDFPassword
		}
		c.key = key
		if v == 4 {
			cfs := d.dictOf(enc["CF"])
			method := func(name any) (aes, none bool) {
				if name == pdfName("Identity") {
					return false, true
				}
				if cf := d.dictOf(cfs[pdfName(fmt.Sprint(name))]); cf != nil {
					if m := d.resolve(cf["CFM"]); m == pdfName("AESV2") {
						return true, false
					} else if m == pdfName("None") {
						return false, true
					}
				}
				return false, false
			}
			c.strAES, c.strNone = method(d.resolve(enc["StrF"]))
			c.stmAES, c.stmNone = method(d.resolve(enc["StmF"]))
			if enc["StrF"] == nil {
				c.strNone = true
			}
			if enc["StmF"] == nil {
				c.stmNone = true
			}
		}
	default:
		return fmt.Errorf("%w: encrypted by revision %d of the standard handler, which jianbao does not read; save an unprotected copy", ErrNotPDF, rev)
	}
	d.crypt = c
	d.cache = map[int]any{} // parsed before the key was known
	return nil
}

var errPDFPassword = fmt.Errorf("%w: it needs a password to open; save a copy without one from a viewer that has it", ErrNotPDF)

// pdfUserKeyOK checks a key made from the empty password against U.
func pdfUserKeyOK(key []byte, rev int, u, id []byte) bool {
	if len(u) < 16 {
		return false
	}
	if rev == 2 {
		c, _ := rc4.NewCipher(key)
		out := make([]byte, 32)
		c.XORKeyStream(out, pdfPad)
		return bytes.Equal(out, u[:min(32, len(u))])
	}
	h := md5.New()
	h.Write(pdfPad)
	h.Write(id)
	out := h.Sum(nil)
	for i := 0; i < 20; i++ {
		k := make([]byte, len(key))
		for j := range key {
			k[j] = key[j] ^ byte(i)
		}
		c, _ := rc4.NewCipher(k)
		c.XORKeyStream(out, out)
	}
	return bytes.Equal(out, u[:16])
}

// pdfHash2B is Algorithm 2.B of ISO 32000-2 (revision 6), for the empty
// password and no user key.
func pdfHash2B(password, salt []byte) []byte {
	sum := sha256.Sum256(append(append([]byte(nil), password...), salt...))
	k := sum[:]
	for round := 0; ; round++ {
		k1 := bytes.Repeat(append(append([]byte(nil), password...), k...), 64)
		block, _ := aes.NewCipher(k[:16])
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		total := 0
		for _, b := range e[:16] {
			total += int(b)
		}
		var h hash.Hash
		switch total % 3 {
		case 0:
			h = sha256.New()
		case 1:
			h = sha512.New384()
		default:
			h = sha512.New()
		}
		h.Write(e)
		k = h.Sum(nil)
		if round >= 63 && int(e[len(e)-1]) <= round+1-32 {
			return k[:32]
		}
	}
}

// objectKey is the key for object num's strings and streams.
func (c *pdfCrypt) objectKey(num, gen int, aes bool) []byte {
	if c.rev >= 5 {
		return c.key
	}
	h := md5.New()
	h.Write(c.key)
	h.Write([]byte{byte(num), byte(num >> 8), byte(num >> 16), byte(gen), byte(gen >> 8)})
	if aes {
		h.Write([]byte("sAlT"))
	}
	return h.Sum(nil)[:min(len(c.key)+5, 16)]
}

func (c *pdfCrypt) decryptBytes(b []byte, num, gen int, useAES bool) []byte {
	key := c.objectKey(num, gen, useAES)
	if !useAES {
		ci, err := rc4.NewCipher(key)
		if err != nil {
			return b
		}
		out := make([]byte, len(b))
		ci.XORKeyStream(out, b)
		return out
	}
	if len(b) < 32 || len(b)%16 != 0 {
		return nil
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil
	}
	out := make([]byte, len(b)-16)
	cipher.NewCBCDecrypter(block, b[:16]).CryptBlocks(out, b[16:])
	if pad := int(out[len(out)-1]); pad >= 1 && pad <= 16 && pad <= len(out) {
		out = out[:len(out)-pad]
	}
	return out
}

// decryptObject decrypts the strings in v and, for a stream, its data.
func (c *pdfCrypt) decryptObject(v any, num, gen int) any {
	var walk func(v any, depth int) any
	walk = func(v any, depth int) any {
		if depth > pdfMaxDepth {
			return v
		}
		switch v := v.(type) {
		case pdfString:
			if c.strNone {
				return v
			}
			return pdfString(c.decryptBytes([]byte(v), num, gen, c.strAES))
		case []any:
			for i := range v {
				v[i] = walk(v[i], depth+1)
			}
		case pdfDict:
			for k := range v {
				v[k] = walk(v[k], depth+1)
			}
		case *pdfStream:
			walk(v.dict, depth+1)
			if v.dict["Type"] != pdfName("XRef") && !c.stmNone {
				v.raw = c.decryptBytes(v.raw, num, gen, c.stmAES)
			}
		}
		return v
	}
	return walk(v, 0)
}
