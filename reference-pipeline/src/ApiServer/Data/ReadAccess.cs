namespace ApiServer.Data;

/// <summary>
/// Whose rows a user's reads return: the condition on a row's owner column that the stores' user-facing reads put in
/// their WHERE clause, beside the row's id. A row that fails it reads as absent (404), never as forbidden.
/// </summary>
public sealed record ReadAccess(Func<string, string> OwnerCondition)
{
    /// <summary>The production access: a user reads only their own rows (the owner column equals <c>@user_id</c>).</summary>
    public static ReadAccess OwnRowsOnly { get; } = new(ownerColumn => $"{ownerColumn} = @user_id");
}
