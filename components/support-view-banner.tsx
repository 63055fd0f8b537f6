// Shown when an admin opens another user's dashboard with ?user_id= (support use).
export function SupportViewBanner({ viewerId, subject }: { viewerId: string; subject: { id: string; name: string; email: string } }) {
  if (subject.id === viewerId) return null;
  return (
    <p className="mb-4 rounded-tremor-default bg-amber-50 px-3 py-2 text-tremor-default text-amber-800" data-testid="support-view">
      Support view: {subject.name} ({subject.email})
    </p>
  );
}
