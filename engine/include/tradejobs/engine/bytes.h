#pragma once
/// \file bytes.h
/// The engine's one binary serialiser (the sweep state file, the MPI messages of a sweep) and its
/// one 64-bit hash (the fingerprints of a sweep's inputs).
///
/// Numbers are written little-endian whatever the machine, so a state file reads back on any
/// architecture; on little-endian machines (x86-64, ARM64) arrays of doubles are copied as they
/// lie in memory.
///
/// Example:
///   ByteWriter w;  w.u64(3);  w.doubles(values);  w.text("iterative");
///   ByteReader r(w.take(), "sweep.state");  const std::uint64_t n = r.u64();  ...

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tradejobs {

/// Appends numbers and texts to a binary buffer.
class ByteWriter {
 public:
  void u64(std::uint64_t v);
  void f64(double v);
  /// `n` doubles (no length: the reader must know how many).
  void f64s(const double* values, size_t n);
  /// A length, then the doubles.
  void doubles(const std::vector<double>& v);
  /// A length, then the bytes.
  void text(const std::string& s);
  const std::string& bytes() const { return out_; }
  /// The buffer, moved out (the writer is empty afterwards).
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

/// Reads what ByteWriter wrote. A short read throws InputError("WHAT: DAMAGE"), WHAT naming the
/// file or message (e.g. "sweep.state", "the message of rank 2 of 3").
class ByteReader {
 public:
  ByteReader(std::string bytes, std::string what, std::string damage = "the state is truncated or corrupt")
      : in_(std::move(bytes)), what_(std::move(what)), damage_(std::move(damage)) {}
  std::uint64_t u64();
  double f64();
  /// `n` doubles written by ByteWriter::f64s, into `out`.
  void f64s(double* out, size_t n);
  std::vector<double> doubles();
  std::string text();
  /// True when every byte was read.
  bool done() const { return pos_ == in_.size(); }

 private:
  void need(std::uint64_t n) const;
  std::string in_;
  std::string what_;
  std::string damage_;
  size_t pos_ = 0;
};

/// 64-bit FNV-1a (Fowler, Noll and Vo; offset basis 14695981039346656037, prime 1099511628211),
/// fed byte by byte.
class Fnv1a64 {
 public:
  void bytes(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < n; ++i) {
      h_ ^= p[i];
      h_ *= 1099511628211ull;
    }
  }
  /// The 8 bytes of `v`, least significant first.
  void u64(std::uint64_t v) {
    for (int b = 0; b < 8; ++b) {
      h_ ^= (v >> (8 * b)) & 0xffu;
      h_ *= 1099511628211ull;
    }
  }
  /// The bytes of `s`, then its length as u64 (so "ab"+"c" and "a"+"bc" differ).
  void text(const std::string& s) {
    bytes(s.data(), s.size());
    u64(s.size());
  }
  std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 14695981039346656037ull;
};

}  // namespace tradejobs
