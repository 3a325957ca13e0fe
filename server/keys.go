package server

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"

	gossh "golang.org/x/crypto/ssh"
)

// generateEd25519 makes an ed25519 key pair: the private key in OpenSSH
// PEM form, the public key as an authorized_keys line.
func generateEd25519() (pub, priv []byte, err error) {
	pk, sk, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	block, err := gossh.MarshalPrivateKey(sk, "jianbao host key")
	if err != nil {
		return nil, nil, err
	}
	sshPub, err := gossh.NewPublicKey(pk)
	if err != nil {
		return nil, nil, err
	}
	return gossh.MarshalAuthorizedKey(sshPub), pem.EncodeToMemory(block), nil
}
