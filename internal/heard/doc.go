// Package heard holds Heard's domain: the people, relations, records and
// rules that every other package speaks about. It imports only the standard
// library: no SQL, no HTTP, no templates, so the words of the product stay
// free of the technology that carries them.
package heard
