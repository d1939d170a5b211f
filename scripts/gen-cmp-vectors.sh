#!/usr/bin/env bash
# Captures CMP messages written by an implementation we did not write (OpenSSL 3.0 `openssl cmp`,
# client and its mock server, which is the same code `openssl cmp -port` serves over HTTP) as named
# DER test vectors under test/fixtures/cmp/. The shared secret of every PBM-protected vector is
# the one in SECRET below; tests verify protection with it.
#
#   bash scripts/gen-cmp-vectors.sh          # regenerates everything, including the test PKI
set -euo pipefail

OUT="$(cd "$(dirname "$0")/.." && pwd)/test/fixtures/cmp"
PKI="$OUT/pki"
SECRET="pass:cmp-desk-vector-secret"
REF="vector-ref-4711"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT" "$PKI"
rm -f "$OUT"/*.der "$PKI"/*

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# --- test PKI: root -> CMP server signer; root -> issuing "ca" that issues the client and enrolled certs
ec_key "$PKI/root.key"
openssl req -x509 -new -key "$PKI/root.key" -subj "/O=cmp-desk vectors/CN=Vector Root CA" -days 3650 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -addext "subjectKeyIdentifier=hash" -out "$PKI/root.crt"

issue() { # name subject extensions-line...
  local name="$1" subject="$2"; shift 2
  printf '%s\n' "$@" > "$WORK/$name.ext"
  openssl req -new -key "$PKI/$name.key" -subj "$subject" -out "$WORK/$name.csr"
  openssl x509 -req -in "$WORK/$name.csr" -CA "$PKI/root.crt" -CAkey "$PKI/root.key" -CAcreateserial \
    -days 3650 -extfile "$WORK/$name.ext" -out "$PKI/$name.crt" 2>/dev/null
}
ec_key "$PKI/server.key"
issue server "/O=cmp-desk vectors/CN=Vector CMP Server" "keyUsage=critical,digitalSignature" \
  "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid"
ec_key "$PKI/client.key"
issue client "/O=cmp-desk vectors/CN=Vector Client" "keyUsage=critical,digitalSignature" \
  "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid"
ec_key "$PKI/enrolled.key"
issue enrolled "/O=cmp-desk vectors/CN=Vector Enrolled" "keyUsage=critical,digitalSignature,keyAgreement" \
  "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=DNS:vector.example" \
  "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid"
openssl req -new -key "$PKI/enrolled.key" -subj "/O=cmp-desk vectors/CN=Vector Enrolled" -outform DER -out "$PKI/enrolled.csr.der"
rm -f "$PKI/root.srl"

cmp() { openssl cmp -batch -verbosity 3 -use_mock_srv -certout "$WORK/out.pem" -recipient "/O=cmp-desk vectors/CN=Vector CMP Server" "$@"; }
pbm_server=(-srv_ref "$REF" -srv_secret "$SECRET")
sig_server=(-srv_cert "$PKI/server.crt" -srv_key "$PKI/server.key" -srv_trusted "$PKI/root.crt")
enroll=(-newkey "$PKI/enrolled.key" -subject "/O=cmp-desk vectors/CN=Vector Enrolled" -rsp_cert "$PKI/enrolled.crt")
o() { echo "$OUT/$1"; }

# ir/ip/certConf/pkiConf, PBM with SHA-256 OWF and HMAC-SHA256
cmp -cmd ir -ref "$REF" -secret "$SECRET" -digest sha256 -mac hmacWithSHA256 "${pbm_server[@]}" "${enroll[@]}" \
  -rsp_capubs "$PKI/root.crt" -reqout "$(o ir_pbm_sha256.der),$(o certconf_pbm.der)" -rspout "$(o ip_pbm_sha256_capubs.der),$(o pkiconf_pbm.der)"
# OpenSSL's default PBM MAC is hmac-sha1: a legacy peer we must be able to verify
cmp -cmd ir -ref "$REF" -secret "$SECRET" "${pbm_server[@]}" "${enroll[@]}" \
  -reqout "$(o ir_pbm_hmac_sha1.der),$WORK/x.der" -rspout "$(o ip_pbm_hmac_sha1.der),$WORK/y.der"
# SHA-512 OWF and HMAC-SHA512
cmp -cmd ir -ref "$REF" -secret "$SECRET" -digest sha512 -mac hmacWithSHA512 "${pbm_server[@]}" "${enroll[@]}" \
  -reqout "$(o ir_pbm_sha512.der),$WORK/x.der" -rspout "$(o ip_pbm_sha512.der),$WORK/y.der"
# implicit confirm requested and granted: no certConf
cmp -cmd ir -ref "$REF" -secret "$SECRET" -mac hmacWithSHA256 -implicit_confirm -grant_implicitconf "${pbm_server[@]}" "${enroll[@]}" \
  -reqout "$(o ir_implicit_confirm.der)" -rspout "$(o ip_implicit_confirm_granted.der)"
# polling: ip with status waiting, pollReq, pollRep, pollReq, ip
cmp -cmd ir -ref "$REF" -secret "$SECRET" -mac hmacWithSHA256 -poll_count 2 -check_after 1 "${pbm_server[@]}" "${enroll[@]}" \
  -reqout "$(o ir_polled.der),$(o pollreq.der),$(o pollreq_final.der),$WORK/x.der" \
  -rspout "$(o ip_waiting.der),$(o pollrep.der),$(o ip_after_polling.der),$WORK/y.der"
# rejection with failInfo badPOP and a status string
cmp -cmd ir -ref "$REF" -secret "$SECRET" -mac hmacWithSHA256 -pkistatus 2 -failure 9 -statusstring "proof of possession rejected" \
  "${pbm_server[@]}" "${enroll[@]}" -reqout "$(o ir_rejected.der),$WORK/x.der" -rspout "$(o ip_rejection_badpop.der),$WORK/y.der" || true
# error message
cmp -cmd ir -ref "$REF" -secret "$SECRET" -mac hmacWithSHA256 -send_error "${pbm_server[@]}" "${enroll[@]}" \
  -reqout "$WORK/x.der" -rspout "$(o error.der)" || true

# signature protection (ECDSA P-256 with SHA-256) both ways: cr, kur, p10cr, rr, genm
signed_client=(-cert "$PKI/client.crt" -key "$PKI/client.key" -extracerts "$PKI/root.crt" -trusted "$PKI/root.crt")
cmp -cmd cr "${signed_client[@]}" "${sig_server[@]}" "${enroll[@]}" -rsp_extracerts "$PKI/root.crt" \
  -reqout "$(o cr_signed_ec.der),$(o certconf_signed_ec.der)" -rspout "$(o cp_signed_ec.der),$(o pkiconf_signed_ec.der)"
# KUR is protected with the certificate being updated (RFC 9483 4.1.3); the mock server insists that
# oldCertID names its -rsp_cert
cmp -cmd kur -cert "$PKI/enrolled.crt" -key "$PKI/enrolled.key" -extracerts "$PKI/root.crt" -trusted "$PKI/root.crt" \
  "${sig_server[@]}" "${enroll[@]}" \
  -reqout "$(o kur_signed_ec.der),$WORK/x.der" -rspout "$(o kup_signed_ec.der),$WORK/y.der"
cmp -cmd p10cr -csr "$PKI/enrolled.csr.der" "${signed_client[@]}" "${sig_server[@]}" -rsp_cert "$PKI/enrolled.crt" \
  -reqout "$(o p10cr_signed_ec.der),$WORK/x.der" -rspout "$(o cp_p10cr_signed_ec.der),$WORK/y.der"
cmp -cmd rr -oldcert "$PKI/enrolled.crt" -revreason 4 "${signed_client[@]}" "${sig_server[@]}" -rsp_cert "$PKI/enrolled.crt" \
  -reqout "$(o rr_signed_ec.der)" -rspout "$(o rp_signed_ec.der)"
cmp -cmd genm -infotype signKeyPairTypes "${signed_client[@]}" "${sig_server[@]}" \
  -reqout "$(o genm_signkeypairtypes.der)" -rspout "$(o genp_signkeypairtypes.der)"

ls -1 "$OUT"
