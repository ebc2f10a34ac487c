import { memo } from 'react';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import { BallotsSection } from './sections/BallotsSection.tsx';
import { DisabledSection } from './sections/DisabledSection.tsx';
import { ResultSection } from './sections/ResultSection.tsx';
import { VotersSection } from './sections/VotersSection.tsx';
import { CandidateVotesSection, PartyVotesSection } from './sections/VotesSection.tsx';

/** Sections I–V in the order of the paper form. */
export const FormSections = memo(function FormSections({ contest }: { contest: ContestSetup }) {
  return (
    <div className="entry-sections">
      <VotersSection />
      <BallotsSection />
      <DisabledSection />
      {'candidates' in contest ? <CandidateVotesSection contest={contest} /> : <PartyVotesSection contest={contest} />}
      <ResultSection contest={contest} />
    </div>
  );
});
