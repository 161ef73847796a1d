/**
 * The seeded dental practice (src/sample/dental.ts): deterministic, free of Math.random, and
 * shaped like a practice (every visit inside a patient's time with the practice, referrers who
 * came earlier, scores 0–10, dates inside the three fixed years).
 */
import { dateToSerial } from "../src/core/dates";
import { generateDentalPractice } from "../src/sample/dental";

describe("sample: the dental practice", () => {
  it("is the same for the same seed and never uses Math.random", () => {
    const random = jest.spyOn(Math, "random");
    const a = generateDentalPractice(7);
    const b = generateDentalPractice(7);
    expect(random).not.toHaveBeenCalled();
    random.mockRestore();
    expect(b).toEqual(a);
    expect(generateDentalPractice(8).visits.rows).not.toEqual(a.visits.rows);
  });

  it("keeps every record consistent with the patient list", () => {
    const practice = generateDentalPractice();
    const first = dateToSerial(2022, 7, 1);
    const last = dateToSerial(2025, 6, 30);
    expect(practice.asOf).toBe(last);
    const patients = new Map(practice.patients.rows.map((row, i) => [row[0] as string, { row, i }]));
    expect(patients.size).toBe(480);
    for (const [id, { row, i }] of patients) {
      const [, start, end, plan, referrer] = row;
      expect(start as number).toBeGreaterThanOrEqual(first);
      expect(start as number).toBeLessThanOrEqual(last);
      if (end !== "") expect(end as number).toBeGreaterThan(start as number);
      if (end !== "") expect(end as number).toBeLessThanOrEqual(last);
      expect(["PPO", "HMO", "Medicaid", "Self-pay"]).toContain(plan);
      if (referrer !== "") expect(patients.get(referrer as string)?.i).toBeLessThan(i);
      expect(id).toMatch(/^P\d{4}$/);
    }
    for (const [id, date, fee] of practice.visits.rows) {
      const patient = patients.get(id as string)?.row;
      expect(patient).toBeDefined();
      expect(date as number).toBeGreaterThanOrEqual(patient?.[1] as number);
      expect(date as number).toBeLessThanOrEqual(patient?.[2] === "" ? last : (patient?.[2] as number));
      expect(fee as number).toBeGreaterThan(0);
    }
    for (const [id, date, score] of practice.survey.rows) {
      expect(patients.has(id as string)).toBe(true);
      expect(date as number).toBeLessThanOrEqual(last);
      expect(Number.isInteger(score)).toBe(true);
      expect(score as number).toBeGreaterThanOrEqual(0);
      expect(score as number).toBeLessThanOrEqual(10);
    }
    // Visits and answers are in date order, as an export from practice software would be.
    const visitDates = practice.visits.rows.map((r) => r[1] as number);
    expect(visitDates).toEqual([...visitDates].sort((x, y) => x - y));
  });

  it("has enough of everything for every section: leavers, referrals, lapsed patients, answers", () => {
    const practice = generateDentalPractice();
    const leavers = practice.patients.rows.filter((r) => r[2] !== "").length;
    const referred = practice.patients.rows.filter((r) => r[4] !== "").length;
    expect(leavers).toBeGreaterThan(30);
    expect(referred).toBeGreaterThan(60);
    expect(practice.survey.rows.length).toBeGreaterThan(100);
    expect(practice.visits.rows.length).toBeGreaterThan(practice.patients.rows.length);
  });
});
