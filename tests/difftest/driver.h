// The differential test loop: generate a batch, run it natively and in the
// interpreter, compare, report. Shared by goemu_difftest and the unit tests.
#pragma once
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tests/difftest/form_table.h"

namespace goemu::difftest {

struct DriverOptions {
  uint64_t cases = 200000;
  uint64_t seed = 1;
  std::string filter;                  // substring of form names
  std::optional<uint64_t> only_case;   // replay a single case index
  size_t batch = 4096;                 // cases per forked native child
  unsigned max_reports = 10;           // full mismatch reports printed
  bool print_cases = false;            // print the table of every case, matching or not
  std::set<std::string> known_unimplemented;  // form names
};

struct FormStats {
  uint64_t compared = 0;
  uint64_t mismatches = 0;
  uint64_t skipped = 0;  // interpreter reported the form unimplemented, and the list knows
  uint64_t faults = 0;   // cases where both sides faulted (and agreed)
};

struct DriverSummary {
  uint64_t compared = 0;
  uint64_t mismatches = 0;
  uint64_t skipped = 0;
  std::vector<std::string> errors;  // forms the generator could not instantiate
  std::map<const Form*, FormStats> per_form;

  std::vector<const Form*> CoveredForms() const;  // compared without mismatch, table order
  bool Passed() const { return mismatches == 0 && errors.empty(); }
};

// Case i exercises form (i mod number of selected forms). Indices continue past
// `cases` until that many cases were compared (skipped ones do not count).
DriverSummary RunDifftest(const DriverOptions& options, std::FILE* reports);

// Form names, one per line; '#' starts a comment.
std::set<std::string> LoadFormList(const std::string& path, std::string* error);

// The closing lines: covered forms, loud notes on skipped forms, the summary line.
std::string FormatSummary(const DriverSummary& summary, const std::set<std::string>& known_unimplemented);

}  // namespace goemu::difftest
