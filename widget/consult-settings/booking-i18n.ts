// Strings of the console's Booking panel (availability and the firm's booking mode).
export interface BookingPanelStrings {
  mode: string;
  /** `request`: the visitor asks for a time and a lawyer accepts, proposes another or declines in the chat. */
  modes: {off: string; instant: string; request: string};
  modeHint: string;
  lawyer: string;
  hoursOf: (name: string) => string;
  timeZone: string;
  day: string;
  from: string;
  to: string;
  remove: string;
  addSpan: string;
  datesOff: string;
  datesOffHint: string;
  notice: string;
  buffer: string;
  durations: string;
  providers: string;
  minutes: (n: number) => string;
  noHours: string;
  save: string;
  saved: string;
  days: string[];
}

const en: BookingPanelStrings = {
  mode: 'Booking from the chat',
  modes: {off: 'Off: visitors ask in the chat', instant: 'On: a visitor books a free time at once', request: 'On request: a visitor asks for a free time, a lawyer confirms it in the chat'},
  modeHint: 'Visitors see “Book a consultation” in the chat, with the free times of the lawyers below.',
  lawyer: 'Lawyer',
  hoursOf: (name) => `Availability of ${name}`,
  timeZone: 'Time zone of these hours',
  day: 'Day',
  from: 'From',
  to: 'To',
  remove: 'Remove',
  addSpan: 'Add hours',
  datesOff: 'Dates off',
  datesOffHint: 'One per line, like 2030-12-24. No bookings on these days.',
  notice: 'Minimum notice (hours)',
  buffer: 'Buffer between consultations (minutes)',
  durations: 'Lengths a visitor may book',
  providers: 'Video providers offered',
  minutes: (n) => `${n} min`,
  noHours: 'No weekly hours yet: nobody can book this lawyer.',
  save: 'Save availability',
  saved: 'Saved.',
  days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

const fr: BookingPanelStrings = {
  mode: 'Réservation depuis la discussion',
  modes: {off: 'Désactivée : les visiteurs demandent dans la discussion', instant: 'Activée : le visiteur réserve un créneau libre aussitôt', request: 'Sur demande : le visiteur demande un créneau libre, un avocat le confirme dans la discussion'},
  modeHint: 'Les visiteurs voient « Réserver une consultation » dans la discussion, avec les créneaux libres des avocats ci-dessous.',
  lawyer: 'Avocat',
  hoursOf: (name) => `Disponibilités de ${name}`,
  timeZone: 'Fuseau horaire de ces horaires',
  day: 'Jour',
  from: 'De',
  to: 'À',
  remove: 'Retirer',
  addSpan: 'Ajouter des horaires',
  datesOff: 'Jours d’absence',
  datesOffHint: 'Un par ligne, comme 2030-12-24. Aucune réservation ces jours-là.',
  notice: 'Délai minimum (heures)',
  buffer: 'Pause entre deux consultations (minutes)',
  durations: 'Durées réservables',
  providers: 'Visio proposées',
  minutes: (n) => `${n} min`,
  noHours: 'Aucun horaire : personne ne peut réserver cet avocat.',
  save: 'Enregistrer les disponibilités',
  saved: 'Enregistré.',
  days: ['Dimanche', 'Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi'],
};

const es: BookingPanelStrings = {
  mode: 'Reservas desde el chat',
  modes: {off: 'Desactivadas: los visitantes preguntan en el chat', instant: 'Activadas: el visitante reserva una hora libre al instante', request: 'Bajo solicitud: el visitante pide una hora libre y un abogado la confirma en el chat'},
  modeHint: 'Los visitantes ven «Reservar una consulta» en el chat, con las horas libres de los abogados de abajo.',
  lawyer: 'Abogado',
  hoursOf: (name) => `Disponibilidad de ${name}`,
  timeZone: 'Zona horaria de este horario',
  day: 'Día',
  from: 'Desde',
  to: 'Hasta',
  remove: 'Quitar',
  addSpan: 'Añadir horario',
  datesOff: 'Días libres',
  datesOffHint: 'Uno por línea, como 2030-12-24. Sin reservas esos días.',
  notice: 'Antelación mínima (horas)',
  buffer: 'Pausa entre consultas (minutos)',
  durations: 'Duraciones reservables',
  providers: 'Videollamadas ofrecidas',
  minutes: (n) => `${n} min`,
  noHours: 'Sin horario semanal: nadie puede reservar a este abogado.',
  save: 'Guardar disponibilidad',
  saved: 'Guardado.',
  days: ['Domingo', 'Lunes', 'Martes', 'Miércoles', 'Jueves', 'Viernes', 'Sábado'],
};

export const BOOKING_PANEL_TABLES = {en, fr, es};
