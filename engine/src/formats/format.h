#pragma once
/// \file format.h
/// Numbers formatted for people, shared by the HTML report and the terminal table
/// (docs/model.md §8): thousands separators, whole persons for jobs, explicit signs for changes,
/// the currency unit spelled out. Machine-readable files (CSV, JSON) never use these:
/// they keep full precision with format_double (csv.h).
///
/// Example: format_signed_count(-1234.4) == "−1,234"; format_money(1234.56, "USD million")
/// == "USD 1,234.6 million"; format_percent(0.0526) == "5.3%".

#include <string>

namespace tradejobs {

/// How a negative number is written.
enum class MinusSign {
  typographic,  ///< U+2212 "−" (UTF-8), for the HTML report: as wide as "+", never breaks a line.
  ascii,        ///< "-", for terminals and plain-text logs.
};

/// `value` rounded to `decimals` places with "," between thousands: 1234567.891, 2 ->
/// "1,234,567.89". A value that rounds to zero prints without a sign ("0", never "−0").
/// Non-finite values print "n/a". `decimals` is clamped to [0, 12].
std::string format_grouped(double value, int decimals = 0, MinusSign minus = MinusSign::typographic);

/// A head count rounded to whole persons: 1234567.4 -> "1,234,567"; -12.6 -> "−13".
std::string format_count(double persons, MinusSign minus = MinusSign::typographic);

/// A change in persons with an explicit sign: +1,234 / −1,234 / 0.
std::string format_signed_count(double persons, MinusSign minus = MinusSign::typographic);

/// Money in the economy's currency unit, one decimal by default. A unit that starts with an
/// ISO-style code ("USD million", "EUR") puts the code first: "USD 1,234.5 million",
/// "EUR −3.0"; any other unit follows the number: "1,234.5 million dollars".
/// An empty unit prints the number alone.
std::string format_money(double value, const std::string& currency_unit, int decimals = 1,
                         MinusSign minus = MinusSign::typographic);

/// Money change with an explicit sign: "USD +12.0 million", "USD −3.5 million".
std::string format_signed_money(double value, const std::string& currency_unit, int decimals = 1,
                                MinusSign minus = MinusSign::typographic);

/// A rate as a percentage: 0.0526 -> "5.3%" (one decimal by default); -0.25 -> "−25.0%".
std::string format_percent(double rate, int decimals = 1, MinusSign minus = MinusSign::typographic);

/// A change in a rate with an explicit sign: +5.3% / −0.4% / 0.0%.
std::string format_signed_percent(double rate, int decimals = 1, MinusSign minus = MinusSign::typographic);

/// An axis or table label that fits the precision of `step` (the tick spacing): values
/// of at least a million use "M" with just enough decimals ("2.5M"), others group
/// thousands with as many decimals as the step needs (step 0.25 -> "1.25"; step 2000 ->
/// "4,000"). Zero prints "0".
std::string format_tick(double value, double step, MinusSign minus = MinusSign::typographic);

}  // namespace tradejobs
