package state

// Sketches are most of a state's size (a state holds one per saved unit), and
// a JSON list of 32-bit numbers spends about eleven bytes on each value. A
// Sketch is therefore written as a base64 string of its values in
// little-endian order: five and a third bytes a value, and faster to parse.

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
)

// Sketch is a sorted list of 32-bit hash values (see Doc). In JSON it is the
// base64 encoding of the values as little-endian uint32s; an empty sketch
// is "".
type Sketch []uint32

// MarshalJSON encodes s as a base64 string. It allocates the encoding.
func (s Sketch) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 4*len(s))
	for _, v := range s {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return json.Marshal(b)
}

// UnmarshalJSON decodes a base64 string (or null) into s. It fails when the
// decoded length is not a multiple of four bytes.
func (s *Sketch) UnmarshalJSON(data []byte) error {
	var b []byte
	if err := json.Unmarshal(data, &b); err != nil {
		return err
	}
	if len(b)%4 != 0 {
		return fmt.Errorf("sketch of %d bytes, not a multiple of 4", len(b))
	}
	if len(b) == 0 {
		*s = nil
		return nil
	}
	out := make(Sketch, len(b)/4)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	*s = out
	return nil
}
