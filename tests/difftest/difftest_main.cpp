// goemu_difftest: differential testing of the interpreter against the host CPU.
//
//   goemu_difftest [--cases N] [--seed S] [--form FILTER] [--case I] [--list-forms] [--print-cases]
//
// Prints a report for each mismatch (the first --max-reports in full), the
// covered forms, and ends with `difftest: N cases, F forms, M mismatches`.
// Exits non-zero on any mismatch, a form the generator cannot build, or
// fewer covered forms than --min-forms.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "tests/difftest/driver.h"

int main(int argc, char** argv) {
  using namespace goemu::difftest;
  DriverOptions options;
  std::string known_path = GOEMU_DIFFTEST_KNOWN_LIST;
  bool list_forms = false;
  uint64_t replay = 0;
  size_t min_forms = 0;
  std::string summary_path;
  CLI::App app{"Differential test of goemu's interpreter against the host CPU"};
  app.add_option("--cases", options.cases, "number of random cases")->capture_default_str();
  app.add_option("--seed", options.seed, "generator seed")->capture_default_str();
  app.add_option("--form", options.filter, "only forms whose name contains this text");
  auto* case_option = app.add_option("--case", replay, "run only this case index (replay a report)");
  app.add_option("--batch", options.batch, "cases per forked native child")->capture_default_str();
  app.add_option("--max-reports", options.max_reports, "mismatch reports printed in full")->capture_default_str();
  app.add_option("--known", known_path, "list of known-unimplemented forms")->capture_default_str();
  app.add_option("--min-forms", min_forms, "fail unless at least this many forms are covered");
  app.add_option("--summary-file", summary_path, "also write the closing summary to this file");
  app.add_flag("--list-forms", list_forms, "print the forms and exit");
  app.add_flag("--print-cases", options.print_cases, "print the register table of every case");
  CLI11_PARSE(app, argc, argv);

  if (list_forms) {
    const auto forms = SelectForms(options.filter);
    for (const Form* form : forms) fmt::print("{}\n", form->name);
    fmt::print("{} forms\n", forms.size());
    return 0;
  }
  if (*case_option) options.only_case = replay;
  std::string error;
  options.known_unimplemented = LoadFormList(known_path, &error);
  if (!error.empty()) {
    fmt::print(stderr, "goemu_difftest: {}\n", error);
    return 2;
  }
  const DriverSummary summary = RunDifftest(options, stdout);
  std::string text = FormatSummary(summary, options.known_unimplemented);
  const size_t covered = summary.CoveredForms().size();
  if (covered < min_forms) text += fmt::format("goemu_difftest: only {} forms covered, {} required\n", covered, min_forms);
  fmt::print("{}", text);
  if (!summary_path.empty()) {
    std::ofstream(summary_path) << text;
  }
  return summary.Passed() && covered >= min_forms ? 0 : 1;
}
