#include "clxs/cron.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace clxs {
namespace {

using std::chrono::sys_seconds;

sys_seconds at(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return sys_seconds(std::chrono::sys_days(std::chrono::year(y) / mo / d)) + std::chrono::hours(h) +
         std::chrono::minutes(mi) + std::chrono::seconds(s);
}

sys_seconds next(const std::string& expr, sys_seconds after) {
  const auto n = CronExpression::parse(expr).next(after);
  EXPECT_TRUE(n.has_value()) << expr;
  return n.value_or(sys_seconds{});
}

std::string errorField(const std::string& expr) {
  try {
    (void)CronExpression::parse(expr);
  } catch (const CronError& e) {
    EXPECT_NE(std::string(e.what()).find(e.field()), std::string::npos)
        << "the message names the field: " << e.what();
    return e.field();
  }
  ADD_FAILURE() << "'" << expr << "' was accepted";
  return {};
}

// The minutes of one hour that match, by checking matches() at each.
std::set<int> minutesOf(const std::string& expr) {
  const auto c = CronExpression::parse(expr);
  std::set<int> out;
  for (int m = 0; m < 60; ++m) {
    if (c.matches(at(2026, 1, 5, 3, m))) out.insert(m);
  }
  return out;
}

TEST(CronExpression, EveryMinuteIsStrictlyAfter) {
  EXPECT_EQ(next("* * * * *", at(2026, 5, 2, 10, 0, 30)), at(2026, 5, 2, 10, 1));
  EXPECT_EQ(next("* * * * *", at(2026, 5, 2, 10, 0, 0)), at(2026, 5, 2, 10, 1));
  EXPECT_EQ(next("* * * * *", at(2026, 5, 2, 10, 0, 59)), at(2026, 5, 2, 10, 1));
  EXPECT_EQ(next("* * * * *", at(2026, 5, 2, 23, 59, 1)), at(2026, 5, 3, 0, 0));
}

TEST(CronExpression, StepsRangesAndLists) {
  EXPECT_EQ(minutesOf("*/15 * * * *"), (std::set<int>{0, 15, 30, 45}));
  EXPECT_EQ(minutesOf("0-30/10 * * * *"), (std::set<int>{0, 10, 20, 30}));
  EXPECT_EQ(minutesOf("5/20 * * * *"), (std::set<int>{5, 25, 45}));
  EXPECT_EQ(minutesOf("1-10/3,20,58-59 * * * *"), (std::set<int>{1, 4, 7, 10, 20, 58, 59}));
  EXPECT_EQ(minutesOf("7 * * * *"), (std::set<int>{7}));
  EXPECT_EQ(minutesOf("*/60 * * * *"), (std::set<int>{0}));
  EXPECT_EQ(minutesOf("3 4 * * *"), (std::set<int>{}));  // hour 3, not 4
  EXPECT_EQ(next("*/15 * * * *", at(2026, 5, 2, 10, 7)), at(2026, 5, 2, 10, 15));
  EXPECT_EQ(next("*/15 * * * *", at(2026, 5, 2, 10, 45)), at(2026, 5, 2, 11, 0));
  EXPECT_EQ(next("0 */6 * * *", at(2026, 5, 2, 13, 0)), at(2026, 5, 2, 18, 0));
  EXPECT_EQ(next("15 9-17/4 * * *", at(2026, 5, 2, 13, 15)), at(2026, 5, 2, 17, 15));
  EXPECT_EQ(next("15 9-17/4 * * *", at(2026, 5, 2, 17, 15)), at(2026, 5, 3, 9, 15));
}

TEST(CronExpression, CalendarRollovers) {
  EXPECT_EQ(next("0 0 * * *", at(2026, 12, 31, 23, 59)), at(2027, 1, 1));
  EXPECT_EQ(next("0 0 1 * *", at(2026, 1, 31, 12)), at(2026, 2, 1));
  EXPECT_EQ(next("0 0 31 * *", at(2026, 4, 1)), at(2026, 5, 31));
  EXPECT_EQ(next("0 0 30 * *", at(2026, 1, 30, 0, 0, 1)), at(2026, 3, 30));
  EXPECT_EQ(next("0 12 29 2 *", at(2025, 3, 1)), at(2028, 2, 29, 12));
  EXPECT_EQ(next("0 12 29 2 *", at(2096, 3, 1)), at(2104, 2, 29, 12)) << "2100 is no leap year";
  EXPECT_EQ(next("59 23 31 12 *", at(2026, 1, 1)), at(2026, 12, 31, 23, 59));
}

TEST(CronExpression, NamesInAnyCase) {
  EXPECT_EQ(next("0 0 1 jan,Jul *", at(2026, 2, 1)), at(2026, 7, 1));
  EXPECT_EQ(next("0 0 1 JAN-mar/2 *", at(2026, 1, 2)), at(2026, 3, 1));
  // 2026-05-02 is a Saturday.
  EXPECT_EQ(next("30 9 * * MON-FRI", at(2026, 5, 2, 8)), at(2026, 5, 4, 9, 30));
  EXPECT_EQ(next("30 9 * * mon-fri", at(2026, 5, 4, 9, 30)), at(2026, 5, 5, 9, 30));
  EXPECT_EQ(next("0 0 * * sat,SUN", at(2026, 5, 2)), at(2026, 5, 3));
}

TEST(CronExpression, SevenIsSunday) {
  EXPECT_EQ(next("0 0 * * 7", at(2026, 5, 2)), at(2026, 5, 3));
  EXPECT_EQ(next("0 0 * * 0", at(2026, 5, 2)), at(2026, 5, 3));
  EXPECT_EQ(next("0 0 * * 5-7", at(2026, 5, 3, 1)), at(2026, 5, 8));  // Fri, Sat, Sun
}

TEST(CronExpression, DayFieldsOrWhenBothRestricted) {
  // 13th or any Friday: 2026-02-01 is a Sunday; the first Friday (6th) comes first.
  EXPECT_EQ(next("0 0 13 * FRI", at(2026, 2, 1)), at(2026, 2, 6));
  EXPECT_EQ(next("0 0 13 * FRI", at(2026, 2, 12, 1)), at(2026, 2, 13));
  EXPECT_EQ(next("0 0 1 * MON", at(2026, 5, 2)), at(2026, 5, 4));
  // Not Friday and not the 1st: 2026-05-05 is a Tuesday.
  EXPECT_FALSE(CronExpression::parse("0 0 1 * FRI").matches(at(2026, 5, 5)));
}

TEST(CronExpression, DayFieldsAndWhenOneStartsWithStar) {
  // Odd days that are Mondays: 2026-05-04 is an even Monday, the 11th an odd one.
  EXPECT_EQ(next("0 0 */2 * MON", at(2026, 5, 1)), at(2026, 5, 11));
  EXPECT_EQ(next("0 0 */2 * MON", at(2026, 5, 25)), at(2026, 6, 1));
  EXPECT_EQ(next("0 0 13 * *", at(2026, 2, 1)), at(2026, 2, 13));
  EXPECT_EQ(next("0 0 * * FRI", at(2026, 2, 7)), at(2026, 2, 13));
}

TEST(CronExpression, Macros) {
  const auto from = at(2026, 5, 2, 10, 30);
  EXPECT_EQ(next("@hourly", from), at(2026, 5, 2, 11));
  EXPECT_EQ(next("@daily", from), at(2026, 5, 3));
  EXPECT_EQ(next("@midnight", from), at(2026, 5, 3));
  EXPECT_EQ(next("@weekly", from), at(2026, 5, 3));
  EXPECT_EQ(next("@monthly", from), at(2026, 6, 1));
  EXPECT_EQ(next("@yearly", from), at(2027, 1, 1));
  EXPECT_EQ(next("@ANNUALLY", from), at(2027, 1, 1));
  EXPECT_EQ(CronExpression::parse("  @daily ").text(), "@daily");
}

TEST(CronExpression, WhitespaceIsFlexible) {
  EXPECT_EQ(next(" 0\t0  * *\t* ", at(2026, 5, 2, 1)), at(2026, 5, 3));
  EXPECT_EQ(CronExpression::parse(" 0  0 * * * \n").text(), "0  0 * * *");
}

TEST(CronExpression, ErrorsNameTheField) {
  EXPECT_EQ(errorField(""), "expression");
  EXPECT_EQ(errorField("   "), "expression");
  EXPECT_EQ(errorField("* * * *"), "expression");
  EXPECT_EQ(errorField("* * * * * *"), "expression");
  EXPECT_EQ(errorField("@reboot"), "expression");
  EXPECT_EQ(errorField("@sometimes"), "expression");
  EXPECT_EQ(errorField("60 * * * *"), "minute");
  EXPECT_EQ(errorField("a * * * *"), "minute");
  EXPECT_EQ(errorField("MON * * * *"), "minute");
  EXPECT_EQ(errorField("*/0 * * * *"), "minute");
  EXPECT_EQ(errorField("*/61 * * * *"), "minute");
  EXPECT_EQ(errorField("*/ * * * *"), "minute");
  EXPECT_EQ(errorField("*/x * * * *"), "minute");
  EXPECT_EQ(errorField("5-1 * * * *"), "minute");
  EXPECT_EQ(errorField("1,,2 * * * *"), "minute");
  EXPECT_EQ(errorField("1, * * * *"), "minute");
  EXPECT_EQ(errorField("1- * * * *"), "minute");
  EXPECT_EQ(errorField("-1 * * * *"), "minute");
  EXPECT_EQ(errorField("99999999999 * * * *"), "minute");
  EXPECT_EQ(errorField("* 24 * * *"), "hour");
  EXPECT_EQ(errorField("* 1-2-3 * * *"), "hour");
  EXPECT_EQ(errorField("* * 0 * *"), "day-of-month");
  EXPECT_EQ(errorField("* * 32 * *"), "day-of-month");
  EXPECT_EQ(errorField("* * L * *"), "day-of-month");
  EXPECT_EQ(errorField("* * ? * *"), "day-of-month");
  EXPECT_EQ(errorField("* * * 0 *"), "month");
  EXPECT_EQ(errorField("* * * 13 *"), "month");
  EXPECT_EQ(errorField("* * * FOO *"), "month");
  EXPECT_EQ(errorField("* * * January *"), "month");
  EXPECT_EQ(errorField("* * * * 8"), "day-of-week");
  EXPECT_EQ(errorField("* * * * FRI-MON"), "day-of-week");
  EXPECT_EQ(errorField("* * * * MON#2"), "day-of-week");
}

TEST(CronExpression, DaysThatNeverComeAreRefused) {
  EXPECT_EQ(errorField("0 0 30 2 *"), "day-of-month");
  EXPECT_EQ(errorField("0 0 31 4,6,9,11 *"), "day-of-month");
  EXPECT_EQ(errorField("0 0 30-31 FEB *"), "day-of-month");
  // With a restricted weekday the day still comes (OR), and with a `*` day it always does.
  EXPECT_NO_THROW((void)CronExpression::parse("0 0 30 2 MON"));
  EXPECT_NO_THROW((void)CronExpression::parse("0 0 * 2 *"));
  EXPECT_NO_THROW((void)CronExpression::parse("0 0 29 2 *"));
  EXPECT_NO_THROW((void)CronExpression::parse("0 0 31 1-2 *"));
}

TEST(CronExpression, MessagesAreReadable) {
  try {
    (void)CronExpression::parse("0 25 * * *");
    FAIL();
  } catch (const CronError& e) {
    EXPECT_EQ(std::string(e.what()), "hour field '25': 25 is out of range 0-23");
  }
  try {
    (void)CronExpression::parse("0 0 * * * *");
    FAIL();
  } catch (const CronError& e) {
    EXPECT_NE(std::string(e.what()).find("5 fields"), std::string::npos) << e.what();
  }
}

// next() agrees with a minute-by-minute scan of matches() for many expressions and starts.
TEST(CronExpression, NextAgreesWithAScan) {
  const std::vector<std::string> exprs = {
      "* * * * *",     "*/7 * * * *",       "5 * * * *",        "0 */5 * * *",     "30 2 * * *",
      "0 0 * * MON",   "0 0 1,15 * *",      "0 0 13 * FRI",     "0 0 */2 * MON",   "45 23 * * 0",
      "0 12 * * 1-5",  "10-20/5 8-9 * * *", "0 0 28-31 * *",    "0 0 1 */2 *",     "0 6 * * 7",
      "59 23 * * SAT", "0 0 5 * SUN,WED",   "*/20 */3 */4 * *", "0 0 * MAR-JUN *", "15 10 3 * *"};
  const std::vector<sys_seconds> starts = {at(2026, 1, 1), at(2026, 2, 27, 23, 59, 59),
                                           at(2028, 2, 28, 12, 0, 1), at(2026, 12, 31, 23, 58),
                                           at(2026, 5, 2, 10, 7, 30)};
  for (const auto& e : exprs) {
    const auto c = CronExpression::parse(e);
    for (const auto& s : starts) {
      std::optional<sys_seconds> scanned;
      auto m = std::chrono::floor<std::chrono::minutes>(s) + std::chrono::minutes(1);
      for (int i = 0; i < 70 * 24 * 60 && !scanned; ++i, m += std::chrono::minutes(1)) {
        if (c.matches(std::chrono::time_point_cast<std::chrono::seconds>(m))) {
          scanned = std::chrono::time_point_cast<std::chrono::seconds>(m);
        }
      }
      ASSERT_TRUE(scanned) << e;
      EXPECT_EQ(c.next(s), scanned) << e;
    }
  }
}

TEST(CronExpression, TextIsKept) {
  EXPECT_EQ(CronExpression::parse("*/5 * * * *").text(), "*/5 * * * *");
}

}  // namespace
}  // namespace clxs
