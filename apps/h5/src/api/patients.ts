import {
  patientRoutes,
  type AddPatientBody,
  type BindCardResult,
  type Patient,
  type UpdatePatientBody,
} from '@zhangyi/contracts';
import { call } from './client';

/** The patients (就诊人) this WeChat user has bound, the default first, and how many they may bind. */
export function fetchPatients(): Promise<{ items: Patient[]; limit: number }> {
  return call(patientRoutes.list);
}

/** Binds a new patient; 422 `PATIENT_INVALID` carries one problem per field. */
export function addPatient(body: AddPatientBody): Promise<Patient> {
  return call(patientRoutes.add, { body });
}

/** Changes the phone or relation, or makes the patient the default one. */
export function updatePatient(id: string, body: UpdatePatientBody): Promise<Patient> {
  return call(patientRoutes.update, { params: { id }, body });
}

/** Unbinds a patient. */
export function unbindPatient(id: string): Promise<void> {
  return call(patientRoutes.unbind, { params: { id } });
}

/** The full ID and phone numbers, on the reader's explicit request (the server audits it). */
export function revealPatient(id: string): Promise<{ idNumber: string; phone: string }> {
  return call(patientRoutes.reveal, { params: { id } });
}

/**
 * Binds an outpatient card; answers `choose` when the hospital's records hold several numbers
 * for the person, after which the chosen `hisPatientId` is posted with the same card number.
 */
export function bindCard(
  id: string,
  body: { cardNumber: string; hisPatientId?: string },
): Promise<BindCardResult> {
  return call(patientRoutes.bindCard, { params: { id }, body });
}

/** A fresh QR code for the window and kiosks, valid for a couple of minutes. */
export function fetchPatientQrCode(
  id: string,
): Promise<{ token: string; svg: string; expiresAt: string }> {
  return call(patientRoutes.qrcode, { params: { id } });
}
