#include "plugins/generate/industries/industries.hpp"

namespace clxs::generate::industries {

IndustryDef education() {
  using namespace col;  // NOLINT: the column constructors are the vocabulary of this table
  IndustryDef d;
  d.name = "education";
  d.description = "University system: students, courses, enrollments, learning and assessments";
  d.ownerTeam = "academic_data";
  d.tables = {
      {"schools",
       20'000,
       "Campuses and schools",
       {key("school_id"), code("school_code", "SCH", 5), city(), state(),
        choice("school_type", "university|college|community_college|online"),
        integer("enrollment_capacity", 500, 60000)}},
      {"departments",
       50'000,
       "Academic departments",
       {key("department_id"), ref("school_id", "schools"),
        choice("department_name",
               "Mathematics|Computer Science|Biology|History|Economics|Physics|English|Nursing"),
        money("annual_budget", 50000, 25000000)}},
      {"programs",
       10'000,
       "Degree programmes",
       {key("program_id"), ref("department_id", "departments"),
        choice("degree", "BA|BS|BS|MS|MBA|PhD|Certificate"), integer("credits_required", 30, 128),
        money("tuition_per_credit", 150, 2200)}},
      {"terms",
       1'000,
       "Academic terms",
       {key("term_id"), choice("season", "fall|spring|summer"), date("start_date"),
        date("end_date")}},
      {"instructors",
       200'000,
       "Faculty and teaching staff",
       {key("instructor_id"), firstName(), lastName(), email(), phone(),
        ref("department_id", "departments"),
        choice("academic_rank",
               "lecturer|assistant_professor|associate_professor|professor|adjunct"),
        date("hire_date"), status("status", "active|active|active|sabbatical|emeritus")}},
      {"students",
       1'000'000,
       "Enrolled and former students",
       {key("student_id"), code("student_number", "S", 9), firstName(), lastName(), email(),
        phone(), birthDate(), street(), city(), state(), zip(), ref("program_id", "programs"),
        date("admit_date"), number("gpa", 0, 4),
        status("status", "enrolled|enrolled|enrolled|graduated|withdrawn|on_leave")}},
      {"courses",
       100'000,
       "Course catalogue",
       {key("course_id"), ref("department_id", "departments"), code("course_code", "C", 5),
        integer("credits", 1, 5), choice("course_level", "100|200|300|400|graduate"),
        choice("delivery", "in_person|in_person|online|hybrid")}},
      {"enrollments",
       100'000'000,
       "Students in course sections",
       {key("enrollment_id"), ref("student_id", "students"), ref("course_id", "courses"),
        ref("term_id", "terms"), ref("instructor_id", "instructors"), date("enrolled_date"),
        choice("final_grade", "A|A|B|B|B|C|C|D|F|W"),
        status("status", "completed|completed|completed|in_progress|dropped")},
       "status"},
      {"learning_events",
       50'000'000,
       "Clicks in the learning management system",
       {key("event_id"), ref("student_id", "students"), ref("course_id", "courses"),
        timestamp("event_ts"),
        choice("event_type", "video_view|video_view|page_view|quiz_attempt|forum_post|download"),
        integer("duration_seconds", 1, 3600), choice("device", "laptop|laptop|mobile|tablet")},
       "event_type"},
      {"assessments",
       30'000'000,
       "Quizzes, exams and assignments",
       {key("assessment_id"), ref("enrollment_id", "enrollments"),
        choice("assessment_type", "quiz|quiz|assignment|midterm|final|project"), date("due_date"),
        number("score", 0, 100), number("weight_pct", 5, 40),
        status("status", "graded|graded|graded|submitted|missing|late")}},
      {"attendance",
       5'000'000,
       "Class attendance",
       {key("attendance_id"), ref("enrollment_id", "enrollments"), date("class_date"),
        choice("attendance_status", "present|present|present|present|absent|late|excused")}},
      {"submissions",
       5'000'000,
       "Assignment submissions",
       {key("submission_id"), ref("assessment_id", "assessments"), timestamp("submitted_at"),
        integer("attempt", 1, 3), number("similarity_pct", 0, 100), flag("late", 0.12)}},
      {"financial_aid",
       1'000'000,
       "Grants, loans and scholarships",
       {key("aid_id"), ref("student_id", "students"), ref("term_id", "terms"),
        choice("aid_type", "grant|loan|loan|scholarship|work_study"), money("amount", 250, 30000),
        status("status", "disbursed|disbursed|accepted|offered|cancelled")}},
      {"library_loans",
       500'000,
       "Library items borrowed",
       {key("loan_id"), ref("student_id", "students"), code("item_barcode", "LIB", 8),
        date("checkout_date"), integer("loan_days", 7, 120), flag("returned_late", 0.1)}},
  };
  d.views = {
      {"course_grade_distribution", "Final grades per course",
       "SELECT course_id, final_grade, count(*) AS students FROM {s}.enrollments "
       "GROUP BY course_id, final_grade"},
      {"at_risk_students", "Students with a GPA under 2.0 who are enrolled",
       "SELECT student_id, first_name, last_name, gpa FROM {s}.students "
       "WHERE gpa < 2.0 AND status = 'enrolled'"},
      {"engagement_by_course", "LMS activity per course",
       "SELECT course_id, count(*) AS events, count(DISTINCT student_id) AS active_students, "
       "sum(duration_seconds) / 3600.0 AS hours FROM {s}.learning_events GROUP BY course_id"},
      {"aid_by_type", "Financial aid per type",
       "SELECT aid_type, count(*) AS awards, sum(amount) AS total FROM {s}.financial_aid "
       "GROUP BY aid_type"},
      {"instructor_load", "Enrollments taught per instructor",
       "SELECT i.instructor_id, i.last_name, i.academic_rank, count(*) AS enrollments "
       "FROM {s}.enrollments e JOIN {s}.instructors i ON e.instructor_id = i.instructor_id "
       "GROUP BY i.instructor_id, i.last_name, i.academic_rank"},
  };
  d.functions = {
      {"letter_grade", "score DOUBLE", "STRING", "Letter grade of a percentage score",
       "CASE WHEN score >= 90 THEN 'A' WHEN score >= 80 THEN 'B' WHEN score >= 70 THEN 'C' "
       "WHEN score >= 60 THEN 'D' ELSE 'F' END"},
      {"grade_points", "grade STRING", "DOUBLE", "Grade points of a letter grade",
       "CASE grade WHEN 'A' THEN 4.0 WHEN 'B' THEN 3.0 WHEN 'C' THEN 2.0 WHEN 'D' THEN 1.0 "
       "ELSE 0.0 END"},
      {"academic_standing", "gpa DOUBLE", "STRING", "Standing for a GPA",
       "CASE WHEN gpa >= 3.5 THEN 'deans_list' WHEN gpa >= 2.0 THEN 'good' "
       "ELSE 'probation' END"},
      {"tuition_cost", "credits INT, per_credit DECIMAL(12,2)", "DOUBLE",
       "Tuition for a number of credits", "round(credits * CAST(per_credit AS DOUBLE), 2)"},
      {"is_plagiarism_suspect", "similarity_pct DOUBLE", "BOOLEAN",
       "Submissions that need a plagiarism review", "similarity_pct >= 40"},
  };
  return d;
}

}  // namespace clxs::generate::industries
