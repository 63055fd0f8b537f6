// The specification's aggregation function (EPIC-07 §3.2), verbatim, for the
// benchmark's comparison only: lib/rollups does not port it (it joins users ×
// transactions × payouts × uploads, so every sum is multiplied by the fan-out).
// The bench creates it inside a transaction that it rolls back.
export const SPEC_AGGREGATE_DAILY_METRICS = `CREATE OR REPLACE FUNCTION aggregate_daily_metrics(target_date DATE) RETURNS VOID AS $$
BEGIN
    INSERT INTO daily_metrics (
        date,
        total_revenue,
        total_payouts,
        total_refunds,
        transaction_count,
        new_uploaders,
        new_creators,
        active_uploaders,
        active_creators,
        uploads_count,
        assignments_created,
        assignments_completed,
        avg_rating,
        first_approval_rate
    )
    SELECT
        target_date,
        COALESCE(SUM(CASE WHEN pt.type = 'charge' THEN pt.amount ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN p.status = 'completed' THEN p.amount ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN pt.type = 'refund' THEN pt.amount ELSE 0 END), 0),
        COUNT(DISTINCT pt.id),
        COUNT(DISTINCT CASE WHEN u.role = 'uploader' AND DATE(u.created_at) = target_date THEN u.id END),
        COUNT(DISTINCT CASE WHEN u.role = 'creator' AND DATE(u.created_at) = target_date THEN u.id END),
        COUNT(DISTINCT CASE WHEN u.role = 'uploader' AND DATE(up.created_at) = target_date THEN u.id END),
        COUNT(DISTINCT CASE WHEN u.role = 'creator' AND DATE(a.completed_at) = target_date THEN a.creator_id END),
        COUNT(DISTINCT CASE WHEN DATE(up.created_at) = target_date THEN up.id END),
        COUNT(DISTINCT CASE WHEN DATE(a.created_at) = target_date THEN a.id END),
        COUNT(DISTINCT CASE WHEN DATE(a.completed_at) = target_date THEN a.id END),
        AVG(r.overall_score),
        COUNT(CASE WHEN r.decision = 'approved' AND cs.version = 1 THEN 1 END)::DECIMAL / 
            NULLIF(COUNT(CASE WHEN r.decision = 'approved' THEN 1 END), 0) * 100
    FROM users u
    LEFT JOIN payment_transactions pt ON DATE(pt.created_at) = target_date
    LEFT JOIN payouts p ON DATE(p.completed_at) = target_date
    LEFT JOIN uploads up ON up.uploader_id = u.id
    LEFT JOIN assignments a ON a.upload_id = up.id
    LEFT JOIN reviews r ON r.assignment_id = a.id AND DATE(r.completed_at) = target_date
    LEFT JOIN content_submissions cs ON cs.id = r.submission_id
    ON CONFLICT (date) DO UPDATE SET
        total_revenue = EXCLUDED.total_revenue,
        total_payouts = EXCLUDED.total_payouts,
        -- ... update all fields
        created_at = NOW();
END;
$$ LANGUAGE plpgsql;`;

/** The columns the specification's function writes (the others keep their defaults). */
export const SPEC_COLUMNS = [
  "total_revenue", "total_payouts", "total_refunds", "transaction_count", "new_uploaders", "new_creators",
  "active_uploaders", "active_creators", "uploads_count", "assignments_created", "assignments_completed",
  "avg_rating", "first_approval_rate",
] as const;
