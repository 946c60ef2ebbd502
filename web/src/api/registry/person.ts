import { request } from '../request'
import type { Person, PersonInput } from '../types'

export function getPerson(id: number): Promise<Person> {
  return request<Person>(`/persons/${id}`)
}

export function addPerson(input: PersonInput): Promise<Person> {
  return request<Person>('/persons', { method: 'POST', body: input })
}

export function updatePerson(id: number, input: PersonInput): Promise<Person> {
  return request<Person>(`/persons/${id}`, { method: 'PUT', body: input })
}

export function delPerson(id: number): Promise<void> {
  return request<void>(`/persons/${id}`, { method: 'DELETE' })
}
