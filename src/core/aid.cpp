#include "core/aid.h"

#include "core/field_records.h"

namespace shuanglian::core {

std::span<const FieldSpec> AidFields() {
  static const std::vector<FieldSpec> kFields = {
      {kAidUuid, "记录编号", "client_uuid", {"UUID"}, false, "", "留空自动生成"},
      {kAidDay, "发放日期", "day", {"日期", "捐助日期"}, true, "", ""},
      {kAidGiverKind, "捐助方类别", "giver_kind", {"捐助方"}, true, "aid_giver", "单位、个人"},
      {kAidGiverUnit,
       "捐助单位",
       "giver_unit",
       {"帮扶单位", "企业"},
       false,
       "",
       "须是已登记的单位"},
      {kAidGiverPhone, "捐助人电话", "giver_phone", {"干部电话"}, false, "", "须是已登记的帮扶人"},
      {kAidReceiverKind,
       "受助对象",
       "receiver_kind",
       {"受助方"},
       true,
       "aid_receiver",
       "农户、村、学校"},
      {kAidHousehold, "户编号", "household_no", {"受助户编号"}, false, "", "受助对象为农户时必填"},
      {kAidVillage, "村代码", "village_code", {}, false, "", "12位；给农户的可留空"},
      {kAidReceiverName,
       "受助学校",
       "receiver_name",
       {"学校名称"},
       false,
       "",
       "受助对象为学校时必填"},
      {kAidItem, "物资或资金", "item", {"物资名称", "品名"}, true, "", "如 地膜、化肥、现金"},
      {kAidQuantity, "数量", "quantity", {}, true, "", "不能为负"},
      {kAidMeasure, "计量单位", "measure", {"单位"}, true, "aid_measure", "袋、卷、吨、台、元……"},
      {kAidValue,
       "折合金额（元）",
       "value_yuan",
       {"价值", "金额", "折价"},
       true,
       "",
       "元，可有两位小数"},
      {kAidDrive, "募捐活动", "drive", {"活动"}, false, "", ""},
      {kAidNote, "备注", "note", {}, false, "", ""},
  };
  return kFields;
}

Validated<Aid> ValidateAid(const RawRecord& raw, const ValidationContext& context) {
  Validated<Aid> result;
  RecordReader reader(raw, AidFields(), context, result.errors);
  Aid& aid = result.value;
  aid.client_uuid = ReadClientUuid(reader, kAidUuid, "aid", raw);
  aid.day = reader.DateValue(kAidDay).value_or(Date{});
  aid.giver_kind = reader.DictionaryCode(kAidGiverKind);
  aid.giver_unit = reader.OptionalText(kAidGiverUnit, 60);
  aid.giver_phone = reader.IsEmpty(kAidGiverPhone) ? "" : reader.Phone(kAidGiverPhone);
  if (aid.giver_kind == "unit" && aid.giver_unit.empty() && !reader.HasError(kAidGiverUnit)) {
    reader.Fail(kAidGiverUnit, "required", "捐助方是单位时须填写捐助单位");
  }
  // A person's aid without a phone is the recording cadre's own (the store knows who that is;
  // a ledger row, recorded by nobody in particular, must name the giver).
  aid.receiver_kind = reader.DictionaryCode(kAidReceiverKind);
  aid.household_no = reader.OptionalText(kAidHousehold, 40);
  aid.village_code = ReadVillageCode(reader, kAidVillage, false);
  if (aid.village_code.empty() && aid.receiver_kind != "household" &&
      !reader.HasError(kAidVillage)) {
    reader.Fail(kAidVillage, "required", "受助对象不是农户时须填写村代码");
  }
  aid.receiver_name = reader.OptionalText(kAidReceiverName, 60);
  if (aid.receiver_kind == "household" && aid.household_no.empty()) {
    reader.Fail(kAidHousehold, "required", "受助对象是农户时须填写户编号");
  }
  if (aid.receiver_kind == "school" && aid.receiver_name.empty()) {
    reader.Fail(kAidReceiverName, "required", "受助对象是学校时须填写学校名称");
  }
  aid.item = reader.RequiredText(kAidItem, 60);
  aid.quantity_milli = reader.Scaled(kAidQuantity, 3).value_or(0);
  if (!reader.HasError(kAidQuantity) && aid.quantity_milli == 0) {
    reader.Fail(kAidQuantity, "zero", "数量应大于零");
  }
  aid.measure = reader.DictionaryCode(kAidMeasure);
  aid.value_fen = reader.Scaled(kAidValue, 2).value_or(0);
  aid.drive = reader.OptionalText(kAidDrive, 60);
  aid.note = reader.Prose(kAidNote, 200, false);
  return result;
}

}  // namespace shuanglian::core
