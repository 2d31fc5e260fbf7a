#include "tradejobs/engine/bytes.h"

#include <cstring>

#include "tradejobs/engine/errors.h"

namespace tradejobs {

namespace {

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
constexpr bool kLittleEndian = true;
#else
constexpr bool kLittleEndian = false;
#endif

std::uint64_t bits_of(double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return bits;
}

double double_of(std::uint64_t bits) {
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

}  // namespace

void ByteWriter::u64(std::uint64_t v) {
  if constexpr (kLittleEndian) {
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  } else {
    for (int b = 0; b < 8; ++b) out_.push_back(static_cast<char>((v >> (8 * b)) & 0xffu));
  }
}

void ByteWriter::f64(double v) { u64(bits_of(v)); }

void ByteWriter::f64s(const double* values, size_t n) {
  if constexpr (kLittleEndian) {
    if (n) out_.append(reinterpret_cast<const char*>(values), n * sizeof(double));
  } else {
    for (size_t i = 0; i < n; ++i) f64(values[i]);
  }
}

void ByteWriter::doubles(const std::vector<double>& v) {
  u64(v.size());
  f64s(v.data(), v.size());
}

void ByteWriter::text(const std::string& s) {
  u64(s.size());
  out_ += s;
}

void ByteReader::need(std::uint64_t n) const {
  if (in_.size() - pos_ < n) throw InputError(what_ + ": " + damage_);
}

std::uint64_t ByteReader::u64() {
  need(8);
  std::uint64_t v = 0;
  if constexpr (kLittleEndian) {
    std::memcpy(&v, in_.data() + pos_, sizeof v);
  } else {
    for (int b = 0; b < 8; ++b) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in_[pos_ + b])) << (8 * b);
  }
  pos_ += 8;
  return v;
}

double ByteReader::f64() { return double_of(u64()); }

void ByteReader::f64s(double* out, size_t n) {
  if (n > (in_.size() - pos_) / sizeof(double)) need(in_.size() - pos_ + 1);
  if constexpr (kLittleEndian) {
    if (n) std::memcpy(out, in_.data() + pos_, n * sizeof(double));
    pos_ += n * sizeof(double);
  } else {
    for (size_t i = 0; i < n; ++i) out[i] = f64();
  }
}

std::vector<double> ByteReader::doubles() {
  const std::uint64_t n = u64();
  if (n > (in_.size() - pos_) / sizeof(double)) need(in_.size() - pos_ + 1);
  std::vector<double> v(static_cast<size_t>(n));
  f64s(v.data(), v.size());
  return v;
}

std::string ByteReader::text() {
  const std::uint64_t n = u64();
  need(n);
  std::string s = in_.substr(pos_, static_cast<size_t>(n));
  pos_ += static_cast<size_t>(n);
  return s;
}

}  // namespace tradejobs
