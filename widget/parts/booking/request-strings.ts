// Strings of a booking request's card (<consult-request>), for the visitor and the lawyer.
import type {RequestStatus} from '../../../protocol/booking.js';

export interface RequestStrings {
  title: string;
  status: Record<RequestStatus, string>;
  city: (city: string) => string;
  proposedBy: (lawyer: string) => string;
  reasonFrom: (lawyer: string) => string;
  acceptedNote: string;
  waiting: string;
  waitingVisitor: string;
  acceptProposal: string;
  another: string;
  accept: string;
  propose: string;
  proposeOther: string;
  decline: string;
  loading: string;
  noSlots: string;
  otherTime: (city: string) => string;
  sendProposal: string;
  cancel: string;
  reason: string;
  confirmDecline: string;
  gone: string;
}

const en: RequestStrings = {
  title: 'Consultation request',
  status: {pending: 'Awaiting confirmation', proposed: 'New time proposed', accepted: 'Confirmed', declined: 'Declined', withdrawn: 'Replaced'},
  city: (city) => `${city} time`,
  proposedBy: (lawyer) => `${lawyer} proposes instead:`,
  reasonFrom: (lawyer) => `${lawyer} wrote:`,
  acceptedNote: 'Confirmed: the consultation is in the conversation, and the invitation is on its way.',
  waiting: 'The lawyer will confirm this time in the chat.',
  waitingVisitor: 'Waiting for the visitor to take the proposed time.',
  acceptProposal: 'Accept this time',
  another: 'Choose another time',
  accept: 'Accept',
  propose: 'Propose another time',
  proposeOther: 'Propose a different time',
  decline: 'Decline',
  loading: 'Looking for free times…',
  noSlots: 'No free times in the next 14 days.',
  otherTime: (city) => `Another free time (${city} time)`,
  sendProposal: 'Send proposal',
  cancel: 'Cancel',
  reason: 'Reason for the visitor (optional)',
  confirmDecline: 'Decline the request',
  gone: 'This request has changed meanwhile. Choose another time if you still need one.',
};

const fr: RequestStrings = {
  title: 'Demande de consultation',
  status: {pending: 'En attente de confirmation', proposed: 'Autre horaire proposé', accepted: 'Confirmée', declined: 'Refusée', withdrawn: 'Remplacée'},
  city: (city) => `heure de ${city}`,
  proposedBy: (lawyer) => `${lawyer} propose plutôt :`,
  reasonFrom: (lawyer) => `${lawyer} a écrit :`,
  acceptedNote: 'Confirmée : la consultation est dans la discussion, l’invitation est en route.',
  waiting: 'L’avocat confirmera cet horaire dans la discussion.',
  waitingVisitor: 'En attente de la réponse du visiteur à l’horaire proposé.',
  acceptProposal: 'Accepter cet horaire',
  another: 'Choisir un autre créneau',
  accept: 'Accepter',
  propose: 'Proposer un autre horaire',
  proposeOther: 'Proposer un horaire différent',
  decline: 'Refuser',
  loading: 'Recherche des créneaux libres…',
  noSlots: 'Aucun créneau libre dans les 14 prochains jours.',
  otherTime: (city) => `Un autre créneau libre (heure de ${city})`,
  sendProposal: 'Envoyer la proposition',
  cancel: 'Annuler',
  reason: 'Motif pour le visiteur (facultatif)',
  confirmDecline: 'Refuser la demande',
  gone: 'Cette demande a changé entre-temps. Choisissez un autre créneau si besoin.',
};

const es: RequestStrings = {
  title: 'Solicitud de consulta',
  status: {pending: 'Pendiente de confirmación', proposed: 'Otra hora propuesta', accepted: 'Confirmada', declined: 'Rechazada', withdrawn: 'Sustituida'},
  city: (city) => `hora de ${city}`,
  proposedBy: (lawyer) => `${lawyer} propone en su lugar:`,
  reasonFrom: (lawyer) => `${lawyer} escribió:`,
  acceptedNote: 'Confirmada: la consulta está en la conversación y la invitación va de camino.',
  waiting: 'El abogado confirmará esta hora en el chat.',
  waitingVisitor: 'Esperando a que el visitante acepte la hora propuesta.',
  acceptProposal: 'Aceptar esta hora',
  another: 'Elegir otra hora',
  accept: 'Aceptar',
  propose: 'Proponer otra hora',
  proposeOther: 'Proponer una hora distinta',
  decline: 'Rechazar',
  loading: 'Buscando horas libres…',
  noSlots: 'No hay horas libres en los próximos 14 días.',
  otherTime: (city) => `Otra hora libre (hora de ${city})`,
  sendProposal: 'Enviar propuesta',
  cancel: 'Cancelar',
  reason: 'Motivo para el visitante (opcional)',
  confirmDecline: 'Rechazar la solicitud',
  gone: 'Esta solicitud cambió mientras tanto. Elija otra hora si aún la necesita.',
};

export const REQUEST_TABLES = {en, fr, es};
