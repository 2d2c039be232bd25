import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../web/console/api.js';
import { fieldsFor, missingField, transitionError } from '../../../web/console/complaint-forms.js';
import { translator } from '../../../web/console/i18n.js';

describe('complaint transition forms', () => {
  it('asks for a resolution when proposing one and a reason when rejecting one', () => {
    expect(fieldsFor('propose_resolution')).toEqual({ resolution: 'required', cause: 'optional', note: 'optional' });
    expect(fieldsFor('reject_resolution').note).toBe('required');
    expect(fieldsFor('acknowledge')).toEqual({ resolution: 'hidden', cause: 'hidden', note: 'optional' });
    expect(missingField('propose_resolution', { note: '', resolution: '  ' })).toBe('resolution');
    expect(missingField('propose_resolution', { note: '', resolution: 'Refund the fee' })).toBeNull();
    expect(missingField('reject_resolution', { note: '', resolution: '' })).toBe('note');
    expect(missingField('approve_resolution', { note: '', resolution: '' })).toBeNull();
  });

  it('says whether a refusal is about the stage (409) or the role (403)', () => {
    const en = translator('en');
    expect(transitionError(new ApiError(409, 'conflict', 'cannot go from received to closed'), en)).toBe('Not possible from this stage: cannot go from received to closed');
    expect(transitionError(new ApiError(403, 'forbidden', 'approval is a supervisor’s'), en)).toBe('Not for your role: approval is a supervisor’s');
    expect(transitionError(new ApiError(500, 'internal', 'boom'), en)).toBe('Something went wrong: boom');
    expect(transitionError(new ApiError(409, 'conflict', 'x'), translator('zh-CN'))).toBe('当前阶段不允许此操作：x');
  });
});
