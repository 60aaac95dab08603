#include "tests/difftest/driver.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "tests/difftest/case_generator.h"
#include "tests/difftest/compare.h"
#include "tests/difftest/interp_runner.h"
#include "tests/difftest/native_sandbox.h"

namespace goemu::difftest {

namespace {

std::string Trim(const std::string& s) {
  const size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

std::string ReplayCommand(const DriverOptions& options, uint64_t index) {
  const std::string filter = options.filter.empty() ? "" : fmt::format(" --form '{}'", options.filter);
  return fmt::format("goemu_difftest --seed {}{} --case {} --print-cases", options.seed, filter, index);
}

void Judge(const TestCase& test, const Outcome& native, const Outcome& emu, const DriverOptions& options,
           DriverSummary& summary, std::FILE* reports) {
  const auto print = [&] {
    std::fputs(MismatchReport(test, ReplayCommand(options, test.index), native, emu).c_str(), reports);
    std::fputs("\n", reports);
  };
  FormStats& stats = summary.per_form[test.form];
  if (emu.unsupported && !native.harness_error && options.known_unimplemented.count(test.form->name)) {
    ++stats.skipped;
    ++summary.skipped;
    return;
  }
  ++stats.compared;
  ++summary.compared;
  if (native.fault && emu.fault) ++stats.faults;
  if (options.print_cases && reports != nullptr) print();
  if (Differences(test, native, emu).empty()) return;
  ++stats.mismatches;
  ++summary.mismatches;
  if (summary.mismatches <= options.max_reports && reports != nullptr && !options.print_cases) print();
}

void RunBatch(std::vector<TestCase>& batch, const DriverOptions& options, DriverSummary& summary,
              std::FILE* reports) {
  const std::vector<Outcome> native = RunNative(batch);
  for (size_t i = 0; i < batch.size(); ++i) {
    Judge(batch[i], native[i], RunInterpreter(batch[i]), options, summary, reports);
  }
  batch.clear();
}

}  // namespace

std::vector<const Form*> DriverSummary::CoveredForms() const {
  std::vector<const Form*> out;
  for (const Form& form : AllForms()) {
    auto it = per_form.find(&form);
    if (it != per_form.end() && it->second.compared > 0 && it->second.mismatches == 0) out.push_back(&form);
  }
  return out;
}

DriverSummary RunDifftest(const DriverOptions& options, std::FILE* reports) {
  DriverSummary summary;
  const std::vector<const Form*> forms = SelectForms(options.filter);
  if (forms.empty()) {
    summary.errors.push_back(fmt::format("no form matches '{}'", options.filter));
    return summary;
  }
  std::set<const Form*> broken;
  std::vector<TestCase> batch;
  batch.reserve(options.batch);
  const auto add = [&](uint64_t index) {
    const Form& form = *forms[index % forms.size()];
    if (broken.count(&form)) return;
    GenerateResult generated = GenerateCase(form, options.seed, index);
    if (!generated.ok()) {
      broken.insert(&form);
      summary.errors.push_back(generated.error);
      return;
    }
    batch.push_back(generated.test);
  };
  if (options.only_case) {
    add(*options.only_case);
  } else {
    // Bounded, in case every selected form is skipped.
    for (uint64_t index = 0; summary.compared < options.cases && index < 4 * options.cases + 1;) {
      const uint64_t want = std::min<uint64_t>(options.batch, options.cases - summary.compared);
      for (uint64_t i = 0; i < want; ++i) add(index++);
      RunBatch(batch, options, summary, reports);
    }
  }
  RunBatch(batch, options, summary, reports);
  return summary;
}

std::set<std::string> LoadFormList(const std::string& path, std::string* error) {
  std::set<std::string> names;
  std::ifstream in(path);
  if (!in) {
    *error = fmt::format("cannot read {}", path);
    return names;
  }
  std::string line;
  while (std::getline(in, line)) {
    const std::string name = Trim(line.substr(0, line.find('#')));
    if (!name.empty()) names.insert(name);
  }
  return names;
}

std::string FormatSummary(const DriverSummary& summary, const std::set<std::string>& known_unimplemented) {
  const std::vector<const Form*> covered = summary.CoveredForms();
  std::string out = fmt::format("covered forms ({}):\n{}", covered.size(), FormatFormList(covered));
  std::vector<const Form*> skipped;
  std::vector<const Form*> now_working;
  for (const auto& [form, stats] : summary.per_form) {
    if (stats.skipped > 0) skipped.push_back(form);
    const bool listed = known_unimplemented.count(form->name) > 0;
    if (listed && stats.skipped == 0 && stats.compared > 0 && stats.mismatches == 0) now_working.push_back(form);
  }
  if (!skipped.empty()) {
    out += fmt::format("!!! {} KNOWN-UNIMPLEMENTED FORMS SKIPPED ({} cases), listed in known_unimplemented.txt:\n{}",
                       skipped.size(), summary.skipped, FormatFormList(skipped));
  }
  std::string failing;
  for (const auto& [form, stats] : summary.per_form) {
    if (stats.mismatches > 0) failing += fmt::format("  {}: {} of {}\n", form->name, stats.mismatches, stats.compared);
  }
  if (!failing.empty()) out += fmt::format("forms with mismatches (mismatching of compared cases):\n{}", failing);
  if (!now_working.empty()) {
    out += fmt::format("!!! {} forms listed as unimplemented now pass; remove them from the list:\n{}",
                       now_working.size(), FormatFormList(now_working));
  }
  for (const std::string& error : summary.errors) out += fmt::format("!!! generator: {}\n", error);
  out += fmt::format("difftest: {} cases, {} forms, {} mismatches", summary.compared, covered.size(),
                     summary.mismatches);
  if (summary.skipped > 0) out += fmt::format(" ({} cases of unimplemented forms skipped)", summary.skipped);
  out += '\n';
  return out;
}

}  // namespace goemu::difftest
