-- edit: a policy changed and one more added, row security forced
DROP POLICY audit_user_isolation ON public.audit;
CREATE POLICY audit_user_isolation ON public.audit FOR SELECT USING ((user_name = CURRENT_USER OR CURRENT_USER = 'postgres'));
CREATE POLICY audit_no_delete ON public.audit AS RESTRICTIVE FOR DELETE USING (false);
ALTER TABLE public.audit FORCE ROW LEVEL SECURITY;
-- edit: a column the view over dept_emp shows, and the trigger's arguments changed
ALTER TABLE public.dept_emp ADD COLUMN role text DEFAULT 'member' NOT NULL;
CREATE OR REPLACE VIEW public.dept_emp_latest_date AS SELECT emp_no, max(from_date) AS from_date, max(to_date) AS to_date, count(*) AS moves FROM public.dept_emp GROUP BY emp_no;
DROP TRIGGER salary_log_trigger ON public.salary;
CREATE TRIGGER salary_log_trigger AFTER INSERT OR DELETE OR UPDATE ON public.salary FOR EACH ROW EXECUTE FUNCTION public.log_dml_operations('payroll', 'critical');
-- edit: the procedure rewritten, a table of leaves and its index
CREATE OR REPLACE PROCEDURE public.simple_salary_update(IN p_emp_no integer, IN p_amount integer)
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE public.salary SET amount = amount + p_amount WHERE emp_no = p_emp_no AND to_date > now();
END;
$$;
CREATE TABLE public.leave (emp_no integer NOT NULL REFERENCES public.employee (emp_no) ON DELETE CASCADE, starts date NOT NULL, ends date NOT NULL, CHECK (ends >= starts), PRIMARY KEY (emp_no, starts));
CREATE INDEX idx_leave_starts ON public.leave USING btree (starts);
