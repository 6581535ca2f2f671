using System.Runtime.Serialization;
namespace Alert.Contracts.Notices;

/// <summary>お知らせ or イベント: category/subcategory (交通/道路, ライフライン/水道, …), title, text and a link.</summary>
[DataContract, GenerateSerializer, Immutable, Alias("alerthub.Information")]
public sealed record Information(
    [property: Id(0), DataMember(Name = "category")] string? Category,
    [property: Id(1), DataMember(Name = "subcategory")] string? Subcategory,
    [property: Id(2), DataMember(Name = "title")] string Title,
    [property: Id(3), DataMember(Name = "text")] string? Text,
    [property: Id(4), DataMember(Name = "url")] string? Url);
