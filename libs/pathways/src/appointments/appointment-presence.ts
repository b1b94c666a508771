/** The person's answer to an appointment from their space (issue 22): coming or not. */
export enum AppointmentPresence {
  COMING = 'COMING',
  NOT_COMING = 'NOT_COMING',
}
