export const SURVEYS = '/tours/surveys'
export const surveyEditPath = (id: string) => `${SURVEYS}/${id}/edit`
export const surveyResultsPath = (id: string) => `${SURVEYS}/${id}/results`
