#include "api/fieldwork_json.h"

#include <boost/json.hpp>

#include "core/decimal.h"

namespace shuanglian::api {

namespace {

boost::json::object Meta(const store::RecordMeta& meta) {
  return boost::json::object{
      {"id", meta.id},
      {"client_uuid", meta.client_uuid},
      {"version", meta.version},
      {"helper", meta.helper_id ? boost::json::value(boost::json::object{
                                      {"id", *meta.helper_id}, {"name", meta.helper_name}})
                                : boost::json::value(nullptr)},
      {"village_name", meta.village_name},
      {"created_by", meta.created_by},
      {"created_at", meta.created_at},
      {"updated_at", meta.updated_at}};
}

boost::json::array Strings(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const std::string& value : values) {
    out.emplace_back(value);
  }
  return out;
}

boost::json::array Labels(const std::vector<std::string>& codes,
                          const core::Dictionary& dictionary) {
  boost::json::array out;
  for (const std::string& code : codes) {
    out.emplace_back(dictionary.Label(code));
  }
  return out;
}

boost::json::array People(const std::vector<store::PersonRef>& people, const char* key) {
  boost::json::array out;
  for (const store::PersonRef& person : people) {
    out.push_back(boost::json::object{{"id", person.id}, {key, person.key}, {"name", person.name}});
  }
  return out;
}

// 276000 thousandths as "276", 1500 as "1.5": a quantity as people write it.
std::string Quantity(std::int64_t milli) {
  std::string text = core::FormatScaled(milli, 3);
  while (text.back() == '0') {
    text.pop_back();
  }
  if (text.back() == '.') {
    text.pop_back();
  }
  return text;
}

boost::json::value TextOrNull(const std::string& text) {
  return text.empty() ? boost::json::value(nullptr) : boost::json::value(text);
}

}  // namespace

boost::json::object StationedDayJson(const store::StoredStationedDay& stored,
                                     const core::DictionarySet&) {
  return boost::json::object{
      {"client_uuid", stored.record.client_uuid}, {"helper_phone", stored.record.helper_phone},
      {"day", stored.record.day.ToIso()},         {"village_code", stored.record.village_code},
      {"location", stored.record.location},       {"meta", Meta(stored.meta)}};
}

boost::json::object VisitJson(const store::StoredVisit& stored,
                              const core::DictionarySet& dictionaries) {
  const core::Visit& visit = stored.record;
  return boost::json::object{{"client_uuid", visit.client_uuid},
                             {"day", visit.day.ToIso()},
                             {"village_code", visit.village_code},
                             {"helper_phones", Strings(visit.helper_phones)},
                             {"household_nos", Strings(visit.household_nos)},
                             {"kinds", Strings(visit.kinds)},
                             {"kind_labels", Labels(visit.kinds, dictionaries.Get("work_kind"))},
                             {"learned", visit.learned},
                             {"photos", Strings(visit.photos)},
                             {"helpers", People(stored.helpers, "phone")},
                             {"households", People(stored.households, "household_no")},
                             {"meta", Meta(stored.meta)}};
}

boost::json::object DiaryJson(const store::StoredDiaryEntry& stored, const core::DictionarySet&) {
  return boost::json::object{{"client_uuid", stored.record.client_uuid},
                             {"helper_phone", stored.record.helper_phone},
                             {"day", stored.record.day.ToIso()},
                             {"village_code", stored.record.village_code},
                             {"text", stored.record.text},
                             {"meta", Meta(stored.meta)}};
}

boost::json::object ProblemJson(const store::StoredProblem& stored,
                                const core::DictionarySet& dictionaries) {
  const core::Problem& problem = stored.record;
  boost::json::array events;
  for (const store::ProblemEvent& event : stored.events) {
    events.push_back(boost::json::object{
        {"at", event.at},
        {"username", event.username},
        {"from_status", TextOrNull(event.from_status)},
        {"to_status", event.to_status},
        {"to_status_label", dictionaries.Get("problem_status").Label(event.to_status)},
        {"note", event.note}});
  }
  boost::json::array next;
  for (const std::string& state : core::ProblemNextStates(problem.status)) {
    next.push_back(boost::json::object{{"status", state},
                                       {"label", dictionaries.Get("problem_status").Label(state)}});
  }
  return boost::json::object{
      {"client_uuid", problem.client_uuid},
      {"helper_phone", problem.helper_phone},
      {"household_no", TextOrNull(problem.household_no)},
      {"head_name", TextOrNull(stored.head_name)},
      {"village_code", problem.village_code},
      {"category", problem.category},
      {"category_label", dictionaries.Get("problem_category").Label(problem.category)},
      {"description", problem.description},
      {"raised_on", problem.raised_on.ToIso()},
      {"status", problem.status},
      {"status_label", dictionaries.Get("problem_status").Label(problem.status)},
      {"next_statuses", next},
      {"due_date", problem.due_date ? boost::json::value(problem.due_date->ToIso())
                                    : boost::json::value(nullptr)},
      {"result", problem.result},
      {"satisfaction", TextOrNull(problem.satisfaction)},
      {"satisfaction_label",
       problem.satisfaction.empty()
           ? boost::json::value(nullptr)
           : boost::json::value(dictionaries.Get("satisfaction").Label(problem.satisfaction))},
      {"case_id",
       stored.case_id ? boost::json::value(*stored.case_id) : boost::json::value(nullptr)},
      {"registered_at", stored.registered_at},
      {"solved_at", TextOrNull(stored.solved_at)},
      {"events", events},
      {"meta", Meta(stored.meta)}};
}

boost::json::object SuggestionJson(const store::StoredSuggestion& stored,
                                   const core::DictionarySet& dictionaries) {
  const core::Suggestion& suggestion = stored.record;
  return boost::json::object{
      {"client_uuid", suggestion.client_uuid},
      {"helper_phone", suggestion.helper_phone},
      {"day", suggestion.day.ToIso()},
      {"village_code", suggestion.village_code},
      {"addressee", suggestion.addressee},
      {"addressee_label", dictionaries.Get("addressee").Label(suggestion.addressee)},
      {"content", suggestion.content},
      {"adopted",
       suggestion.adopted ? boost::json::value(*suggestion.adopted) : boost::json::value(nullptr)},
      {"meta", Meta(stored.meta)}};
}

boost::json::object AidJson(const store::StoredAid& stored,
                            const core::DictionarySet& dictionaries) {
  const core::Aid& aid = stored.record;
  return boost::json::object{
      {"client_uuid", aid.client_uuid},
      {"day", aid.day.ToIso()},
      {"giver_kind", aid.giver_kind},
      {"giver_unit", TextOrNull(aid.giver_unit)},
      {"giver_phone", TextOrNull(aid.giver_phone)},
      {"giver_name", stored.giver_name},
      {"receiver_kind", aid.receiver_kind},
      {"receiver_kind_label", dictionaries.Get("aid_receiver").Label(aid.receiver_kind)},
      {"household_no", TextOrNull(aid.household_no)},
      {"head_name", TextOrNull(stored.head_name)},
      {"village_code", aid.village_code},
      {"receiver_name", aid.receiver_name},
      {"item", aid.item},
      {"quantity", Quantity(aid.quantity_milli)},
      {"measure", aid.measure},
      {"measure_label", dictionaries.Get("aid_measure").Label(aid.measure)},
      {"value_yuan", core::FormatScaled(aid.value_fen, 2)},
      {"value_fen", aid.value_fen},
      {"drive", TextOrNull(aid.drive)},
      {"note", aid.note},
      {"meta", Meta(stored.meta)}};
}

boost::json::object DriveJson(const store::DriveTotal& drive,
                              const core::DictionarySet& dictionaries) {
  boost::json::array lines;
  for (const store::DriveTotal::Line& line : drive.lines) {
    lines.push_back(
        boost::json::object{{"item", line.item},
                            {"measure", line.measure},
                            {"measure_label", dictionaries.Get("aid_measure").Label(line.measure)},
                            {"quantity", Quantity(line.quantity_milli)},
                            {"value_yuan", core::FormatScaled(line.value_fen, 2)}});
  }
  return boost::json::object{{"id", drive.id},
                             {"name", drive.name},
                             {"region_code", drive.region_code},
                             {"start_date", drive.start_date},
                             {"records", drive.records},
                             {"value_fen", drive.value_fen},
                             {"value_yuan", core::FormatScaled(drive.value_fen, 2)},
                             {"lines", lines}};
}

}  // namespace shuanglian::api
