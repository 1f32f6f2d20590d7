import type { QuestionnaireInput } from '../../src';
import { FIVE_LEVEL, GIOI_TINH, weighted } from '../options';

/**
 * The citizen form (nguoi_dan): asked at or after a visit to the commune's one-stop desk,
 * on a respondent's phone or by an interviewer. SIPAS-style satisfaction on five levels
 * (one question per element, docs/SCORING.md rule 8) plus A–E scored questions.
 */
export const NGUOI_DAN_XA: QuestionnaireInput = {
  id: 'nguoi-dan-xa',
  version: 1,
  title: 'Phiếu lấy ý kiến người dân, tổ chức về sự phục vụ của UBND xã, phường',
  intro:
    'Xin ông/bà cho biết ý kiến về lần thực hiện thủ tục hành chính gần nhất tại xã, phường. Phiếu không ghi tên, số điện thoại hay địa chỉ; ý kiến chỉ được tổng hợp chung. Phiếu mất khoảng 7 phút.',
  group: 'nguoi_dan',
  mode: 'own_unit',
  unitType: 'xa',
  estimatedMinutes: 7,
  sections: [
    {
      id: 'thong-tin',
      title: 'Thông tin chung',
      questions: [
        GIOI_TINH,
        {
          id: 'nhom_tuoi',
          kind: 'single',
          text: 'Nhóm tuổi',
          profile: true,
          options: [
            { code: 'duoi_25', label: 'Dưới 25 tuổi' },
            { code: '25_34', label: 'Từ 25 đến 34 tuổi' },
            { code: '35_49', label: 'Từ 35 đến 49 tuổi' },
            { code: '50_64', label: 'Từ 50 đến 64 tuổi' },
            { code: 'tu_65', label: 'Từ 65 tuổi trở lên' },
          ],
        },
        {
          id: 'nghe_nghiep',
          kind: 'single',
          text: 'Nghề nghiệp',
          profile: true,
          options: [
            { code: 'can_bo', label: 'Cán bộ, công chức, viên chức' },
            { code: 'kinh_doanh', label: 'Doanh nghiệp, hộ kinh doanh' },
            { code: 'nong_dan', label: 'Nông dân, lao động tự do' },
            { code: 'hoc_sinh', label: 'Học sinh, sinh viên' },
            { code: 'huu_tri', label: 'Hưu trí' },
            { code: 'khac', label: 'Khác' },
          ],
        },
      ],
    },
    {
      id: 'thu-tuc',
      title: 'Thủ tục ông/bà đã thực hiện',
      questions: [
        {
          id: 'linh_vuc',
          kind: 'single',
          required: true,
          text: 'Thủ tục hành chính ông/bà thực hiện thuộc lĩnh vực nào?',
          options: [
            { code: 'ho_tich', label: 'Hộ tịch (khai sinh, kết hôn, khai tử…)' },
            { code: 'chung_thuc', label: 'Chứng thực' },
            { code: 'dat_dai', label: 'Đất đai' },
            { code: 'xay_dung', label: 'Xây dựng' },
            { code: 'kinh_doanh', label: 'Đăng ký hộ kinh doanh' },
            { code: 'bao_tro_xa_hoi', label: 'Bảo trợ xã hội, người có công' },
            { code: 'khac', label: 'Lĩnh vực khác' },
          ],
        },
        {
          id: 'hinh_thuc',
          kind: 'single',
          required: true,
          text: 'Ông/bà nộp hồ sơ theo hình thức nào?',
          options: [
            { code: 'truc_tiep', label: 'Trực tiếp tại bộ phận một cửa' },
            { code: 'truc_tuyen', label: 'Trực tuyến trên Cổng dịch vụ công' },
            { code: 'buu_chinh', label: 'Qua dịch vụ bưu chính công ích' },
          ],
        },
        {
          id: 'd7_1',
          kind: 'single',
          required: true,
          criterion: '7.1',
          text: 'Dịch vụ công trực tuyến ông/bà đã dùng có dễ sử dụng không?',
          relevant: { op: '=', q: 'hinh_thuc', value: 'truc_tuyen' },
          options: weighted(['Rất dễ sử dụng', 'Dễ sử dụng', 'Khó sử dụng', 'Rất khó, không dùng được']),
        },
        { id: 'so_lan_di_lai', kind: 'number', text: 'Ông/bà đã phải đi lại bao nhiêu lần để hoàn thành thủ tục?', min: 0, max: 20 },
      ],
    },
    {
      id: 'danh-gia',
      title: 'Đánh giá việc giải quyết thủ tục',
      questions: [
        { id: 'd3_1_2', kind: 'single', required: true, criterion: '3.1.2', text: 'Thông tin về thủ tục (hồ sơ, thời hạn, phí, lệ phí) có dễ tìm, dễ hiểu không?', options: weighted(['Rất dễ tìm, dễ hiểu', 'Dễ tìm, dễ hiểu', 'Khó tìm hoặc khó hiểu', 'Không tìm được']) },
        { id: 'd3_2_1', kind: 'single', required: true, criterion: '3.2.1', text: 'Hồ sơ của ông/bà được trả kết quả đúng hẹn không?', options: weighted(['Trước hẹn', 'Đúng hẹn', 'Trễ hẹn, có thư xin lỗi', 'Trễ hẹn, không được báo']) },
        { id: 'd3_2_2', kind: 'single', required: true, criterion: '3.2.2', text: 'Ông/bà có bị yêu cầu nộp thêm giấy tờ ngoài quy định không?', options: weighted(['Không bị yêu cầu', 'Có, một lần và được hướng dẫn rõ', 'Có, nhiều lần', 'Có, gây phiền hà']) },
        { id: 'd3_2_3', kind: 'single', required: true, criterion: '3.2.3', text: 'Thái độ phục vụ của công chức tiếp nhận, giải quyết hồ sơ như thế nào?', options: weighted(['Rất tận tình, chu đáo', 'Tận tình', 'Bình thường', 'Thiếu tôn trọng, gây khó khăn']) },
        { id: 'd3_3', kind: 'single', required: true, criterion: '3.3', text: 'Phản ánh, kiến nghị của ông/bà (nếu có) được tiếp nhận và trả lời như thế nào?', options: weighted(['Nhanh, thỏa đáng', 'Có trả lời, tương đối thỏa đáng', 'Chậm hoặc chưa thỏa đáng', 'Không được trả lời']) },
      ],
    },
    {
      id: 'hai-long',
      title: 'Mức độ hài lòng',
      description: 'Ông/bà hài lòng đến mức nào với từng nội dung sau?',
      questions: [
        { id: 's_tiep_can', kind: 'single', required: true, sipasElement: 'access', text: 'Tiếp cận dịch vụ: địa điểm, trang thiết bị, hướng dẫn tại nơi tiếp nhận hồ sơ', options: FIVE_LEVEL },
        { id: 's_thu_tuc', kind: 'single', required: true, sipasElement: 'procedure', text: 'Thủ tục hành chính: thành phần hồ sơ, thời hạn, phí, lệ phí', options: FIVE_LEVEL },
        { id: 's_cong_chuc', kind: 'single', required: true, sipasElement: 'civil_servant', text: 'Công chức trực tiếp hướng dẫn, tiếp nhận và giải quyết hồ sơ', options: FIVE_LEVEL },
        { id: 's_ket_qua', kind: 'single', required: true, sipasElement: 'result', text: 'Kết quả giải quyết thủ tục hành chính', options: FIVE_LEVEL },
        { id: 's_gop_y', kind: 'single', required: true, sipasElement: 'feedback', text: 'Việc tiếp nhận, xử lý góp ý, phản ánh, kiến nghị', options: FIVE_LEVEL },
      ],
    },
    {
      id: 'gop-y',
      title: 'Góp ý',
      questions: [{ id: 'gop_y', kind: 'text', text: 'Ông/bà có góp ý gì để xã, phường phục vụ tốt hơn?', maxLength: 2000 }],
    },
  ],
};
