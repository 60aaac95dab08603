#include "runtime_model/layout.h"

namespace goemu::rt {

std::span<const FieldInfo> FieldsOf(std::string_view owner) {
  // layout.inc lists each struct's fields together, so they form one contiguous run.
  const FieldInfo* begin = std::begin(kFields);
  const FieldInfo* end = std::end(kFields);
  while (begin != end && begin->owner != owner) ++begin;
  const FieldInfo* last = begin;
  while (last != end && last->owner == owner) ++last;
  return {begin, last};
}

}  // namespace goemu::rt
